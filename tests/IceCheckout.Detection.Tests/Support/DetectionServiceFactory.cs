using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IceCheckout.Detection.Tests.Support;

/// <summary>The real service over a chosen model, with extra configuration (Redis, RabbitMQ) where a test needs it.</summary>
public sealed class DetectionServiceFactory(string modelPath, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Detection:ModelPath", modelPath);
        builder.UseSetting("Detection:ExecutionProvider", "cpu");
        builder.UseSetting("Detection:MaxImageBytes", (4 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}
