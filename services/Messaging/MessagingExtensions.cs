using IceCheckout.Messaging;
using IceCheckout.Messaging.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
