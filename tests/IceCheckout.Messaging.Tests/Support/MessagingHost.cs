using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace IceCheckout.Messaging.Tests.Support;

/// <summary>A generic host wired with the messaging registration API, the way a service wires it.</summary>
public static class MessagingHost
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static async Task<IHost> StartAsync(
        string connectionString,
        TestNames names,
        Action<MessagingBuilder>? configure = null,
        Action<IServiceCollection>? services = null,
        string? serviceName = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:messaging"] = connectionString,
            ["Messaging:ExchangeName"] = names.Exchange,
            ["Messaging:DeadLetterExchangeName"] = names.DeadLetterExchange,
            ["Messaging:ServiceName"] = serviceName ?? names.Service,
            ["Messaging:ReconnectInterval"] = "00:00:00.500",
            ["Messaging:PublishConfirmTimeout"] = "00:00:05",
            ["Messaging:MaxDeliveryAttempts"] = "3",
            ["Messaging:RetryDelay"] = "00:00:00.100",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        var messaging = builder.AddRabbitMqMessaging("messaging");
        configure?.Invoke(messaging);
        services?.Invoke(builder.Services);

        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public static async Task<HealthStatus> MessagingHealthAsync(this IHost host)
    {
        var report = await host.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(check => check.Name == "messaging");
        return report.Entries["messaging"].Status;
    }

    /// <summary>Waits (up to <see cref="Patience"/>) until the messaging health check reports <paramref name="expected"/>.</summary>
    public static async Task WaitForHealthAsync(this IHost host, HealthStatus expected)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (await host.MessagingHealthAsync() != expected)
        {
            await Task.Delay(100, timeout.Token);
        }
    }
}
