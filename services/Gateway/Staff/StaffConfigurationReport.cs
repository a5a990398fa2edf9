using Microsoft.Extensions.Options;

namespace IceCheckout.Gateway.Staff;

/// <summary>Says at start-up when nobody can sign in or a signed-in staff member's calls would carry no key.</summary>
public sealed class StaffConfigurationReport(StaffAccounts accounts, IOptions<StaffOptions> options, ILogger<StaffConfigurationReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (accounts.Count == 0)
        {
            logger.LogWarning(
                "No staff account is configured ({Section}:Accounts:<name> = hash from 'hash-password', or {Section}:InitialUserName and InitialPassword): staff sign-in refuses everyone.",
                StaffOptions.Section, StaffOptions.Section);
        }

        if (options.Value.ApiKeys.Count == 0)
        {
            logger.LogWarning("No staff API key is configured ({Section}:ApiKeys:<service>): staff calls reach the services without a key.", StaffOptions.Section);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
