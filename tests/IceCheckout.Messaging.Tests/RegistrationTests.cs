using IceCheckout.Messaging.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IceCheckout.Messaging.Tests;

public sealed class RegistrationTests
{
    private static HostApplicationBuilder Builder(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "IceCheckout.Catalog" });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        return builder;
    }

    [Fact]
    public void Missing_connection_string_is_a_clear_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Builder().AddRabbitMqMessaging("messaging"));

        Assert.Contains("ConnectionStrings:messaging", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost:5672")]
    [InlineData("http://127.0.0.1:5672")]
    public void Connection_string_that_is_not_an_amqp_uri_is_a_clear_error(string connectionString)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Builder(("ConnectionStrings:messaging", connectionString)).AddRabbitMqMessaging("messaging"));

        Assert.Contains("amqp://", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_come_from_the_messaging_section_and_the_service_name_defaults_to_the_application_name()
    {
        var builder = Builder(
            ("ConnectionStrings:messaging", "amqp://guest:guest@127.0.0.1:1"),
            ("Messaging:MaxDeliveryAttempts", "5"),
            ("Messaging:PrefetchCount", "4"),
            ("Messaging:PublishConfirmTimeout", "00:00:02"));
        builder.AddRabbitMqMessaging("messaging");
        using var services = builder.Services.BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<MessagingOptions>>().Value;
        Assert.Equal(5, options.MaxDeliveryAttempts);
        Assert.Equal(4, options.PrefetchCount);
        Assert.Equal(TimeSpan.FromSeconds(2), options.PublishConfirmTimeout);
        Assert.Equal("icecheckout.events", options.ExchangeName);
        Assert.Equal("icecheckout.catalog", options.ServiceName);
        Assert.Equal("icecheckout.catalog.orders.order.paid", options.QueueNameFor("orders.order.paid"));
    }

    [Fact]
    public void Health_check_is_named_after_the_connection_and_tagged_ready()
    {
        var builder = Builder(("ConnectionStrings:messaging", "amqp://guest:guest@127.0.0.1:1"));
        builder.AddRabbitMqMessaging("messaging");
        using var services = builder.Services.BuildServiceProvider();

        var registration = Assert.Single(
            services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations,
            r => r.Name == "messaging");
        Assert.Contains("ready", registration.Tags);
        Assert.Equal(HealthStatus.Unhealthy, registration.FailureStatus);
    }

    [Fact]
    public void Event_without_a_routing_key_is_refused()
    {
        var messaging = Builder(("ConnectionStrings:messaging", "amqp://guest:guest@127.0.0.1:1")).AddRabbitMqMessaging("messaging");

        var error = Assert.Throws<InvalidOperationException>(() => messaging.AddEventHandler<UnroutedIntegrationEvent, UnroutedHandler>());

        Assert.Contains("RoutingKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Second_handler_for_the_same_event_is_refused()
    {
        var messaging = Builder(("ConnectionStrings:messaging", "amqp://guest:guest@127.0.0.1:1")).AddRabbitMqMessaging("messaging");
        messaging.AddEventHandler<ProductChangedIntegrationEvent, RecordingEventHandler>();

        Assert.Throws<InvalidOperationException>(() => messaging.AddEventHandler<ProductChangedIntegrationEvent, RecordingEventHandler>());
    }

    public sealed record UnroutedIntegrationEvent : IntegrationEvent;

    public sealed class UnroutedHandler : IIntegrationEventHandler<UnroutedIntegrationEvent>
    {
        public Task HandleAsync(UnroutedIntegrationEvent integrationEvent, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
