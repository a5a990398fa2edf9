using Microsoft.Extensions.Options;

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IceCheckout.ServiceDefaults.Authentication;

/// <summary>Says at start-up when a protected API has no key configured and therefore refuses every caller.</summary>
public sealed class ApiKeyConfigurationReport(IOptions<ApiKeyOptions> options, ILogger<ApiKeyConfigurationReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.StaffKeys.All(string.IsNullOrWhiteSpace))
        {
            logger.LogWarning("No staff API key configured ({Section}:Staff:ApiKeys): the staff API refuses every caller", options.Value.Section);
        }

        if (options.Value.ServiceKeys.All(string.IsNullOrWhiteSpace))
        {
            logger.LogWarning("No service API key configured ({Section}:Services:ApiKeys): routes for other services accept staff keys only", options.Value.Section);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
