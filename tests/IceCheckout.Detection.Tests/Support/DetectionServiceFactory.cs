using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IceCheckout.Detection.Tests.Support;

/// <summary>
/// The real service over a chosen model, with extra configuration (Redis, RabbitMQ) where a test needs it.
/// Cross-class suppression is off unless a test turns it on: the tiny models put a second class on the first one's spot on
/// purpose, to show that NMS is per class.
/// </summary>
public sealed class DetectionServiceFactory(string modelPath, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    /// <summary>The operators' key: <c>/health</c> shows its entries only to a request that sends it as <c>X-Health-Key</c>.</summary>
    public const string HealthKey = "test-health-key";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Detection:ModelPath", modelPath);
        builder.UseSetting("Health:DetailsKey", HealthKey);
        builder.UseSetting("Detection:ExecutionProvider", "cpu");
        builder.UseSetting("Detection:CrossClassIouThreshold", "1");
        builder.UseSetting("Detection:MaxImageBytes", (4 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}
