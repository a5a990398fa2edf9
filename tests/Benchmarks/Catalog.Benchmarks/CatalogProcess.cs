using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using IceCheckout.Testing;

namespace IceCheckout.Catalog.Benchmarks;

/// <summary>The Catalog service as a real process on a free loopback port, configured the way the AppHost would.</summary>
public sealed class CatalogProcess : IAsyncDisposable
{
    private readonly Process _process;

    private CatalogProcess(Process process, Uri baseAddress) => (_process, BaseAddress) = (process, baseAddress);

    public Uri BaseAddress { get; }

    public static async Task<CatalogProcess> StartAsync(string configuration, IReadOnlyDictionary<string, string> settings)
    {
        var dll = Path.Combine(RepositoryRoot.Path, "services", "Catalog", "bin", configuration, "net10.0", "IceCheckout.Catalog.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the Catalog service first ({configuration}).", dll);
        }

        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Catalog service.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"[catalog:{port}] {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var instance = new CatalogProcess(process, new Uri($"http://127.0.0.1:{port}"));
        await instance.WaitUntilServingAsync();
        return instance;
    }

    private async Task WaitUntilServingAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The Catalog service exited with {_process.ExitCode}.");
            }

            try
            {
                if ((await client.GetAsync("/api/catalog/categories")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The Catalog service did not become ready within 2 minutes.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
