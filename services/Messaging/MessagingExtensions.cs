using IceCheckout.Messaging;
using IceCheckout.Messaging.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RabbitMQ.Client;

namespace Microsoft.Extensions.Hosting;

public static class MessagingExtensions
{
    /// <summary>
    /// Connects to RabbitMQ at <c>ConnectionStrings:{connectionName}</c> (an amqp URI) in the background, keeps retrying while it is down,
    /// and registers <see cref="IEventPublisher"/> and the health check named <paramref name="connectionName"/>, tagged <c>ready</c>.
    /// </summary>
    public static MessagingBuilder AddRabbitMqMessaging(this IHostApplicationBuilder builder, string connectionName)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not configured.");
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
        {
            throw new InvalidOperationException($"ConnectionStrings:{connectionName} must be an amqp://user:password@host:port URI.");
        }

        var applicationName = builder.Environment.ApplicationName.ToLowerInvariant();
        builder.Services.AddOptions<MessagingOptions>()
            .BindConfiguration(MessagingOptions.SectionName)
            .PostConfigure(options =>
            {
                if (string.IsNullOrWhiteSpace(options.ServiceName))
                {
                    options.ServiceName = applicationName;
                }
            })
            .Validate(options => options.MaxDeliveryAttempts >= 1, "Messaging:MaxDeliveryAttempts must be at least 1.")
            .Validate(options => options.PrefetchCount >= 1, "Messaging:PrefetchCount must be at least 1.")
            .Validate(options => options.PublishConfirmTimeout > TimeSpan.Zero, "Messaging:PublishConfirmTimeout must be positive.")
            .Validate(options => options.ReconnectInterval > TimeSpan.Zero, "Messaging:ReconnectInterval must be positive.")
            .ValidateOnStart();

        // Aspire's RabbitMQ client gives the connection factory (from the connection string and Aspire:RabbitMQ:Client) and
        // forwards the client's logs. Its IConnection and health check stay out: they connect while the host starts and throw
        // after their retries, where this library connects in the background and keeps retrying. Its spans stay out too:
        // IceCheckout.Messaging traces every publish and delivery and carries the context itself.
        builder.AddRabbitMQClient(connectionName, settings =>
        {
            settings.DisableAutoActivation = true;
            settings.DisableHealthChecks = true;
            settings.DisableTracing = true;
        });
        builder.Services.RemoveAll<IConnection>();

        builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<RabbitMqConnection>(sp, uri));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RabbitMqConnection>());
        builder.Services.AddSingleton<IEventPublisher, RabbitMqEventPublisher>();
        builder.Services.AddSingleton<ConsumerMonitor>();
        builder.Services.AddSingleton<DeadLetterQueues>();
        builder.Services.AddSingleton<IDeadLetterQueues>(sp => sp.GetRequiredService<DeadLetterQueues>());

        builder.Services.AddHealthChecks()
            .AddCheck<RabbitMqHealthCheck>(connectionName, tags: ["ready"]);

        return new MessagingBuilder(builder);
    }
}
