using Microsoft.Extensions.Options;

namespace IceCheckout.Catalog.Authentication;

/// <summary>Says at start-up when a protected API has no key configured and therefore refuses every caller.</summary>
public sealed class ApiKeyConfigurationReport(IOptions<ApiKeyOptions> options, ILogger<ApiKeyConfigurationReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.StaffKeys.All(string.IsNullOrWhiteSpace))
        {
            logger.LogWarning("No staff API key configured (Catalog:Staff:ApiKeys): the staff API refuses every caller");
        }

        if (options.Value.ServiceKeys.All(string.IsNullOrWhiteSpace))
        {
            logger.LogWarning("No service API key configured (Catalog:Services:ApiKeys): stock reservations accept staff keys only");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
