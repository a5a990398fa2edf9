using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using IceCheckout.Testing;

namespace IceCheckout.Search.Benchmarks;

/// <summary>The Search service as a real process on a free loopback port, configured the way the AppHost would.</summary>
public sealed class SearchProcess : IAsyncDisposable
{
    // /health names its checks only to a caller with the operators' key.
    private readonly string _healthKey;
    private readonly Process _process;

    private SearchProcess(Process process, Uri baseAddress, string healthKey) => (_process, BaseAddress, _healthKey) = (process, baseAddress, healthKey);

    public Uri BaseAddress { get; }

    /// <summary>The processor time the service has used so far, all its threads together.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<SearchProcess> StartAsync(string configuration, IReadOnlyDictionary<string, string> settings)
    {
        var dll = Path.Combine(RepositoryRoot.Path, "services", "Search", "bin", configuration, "net10.0", "IceCheckout.Search.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the Search service first ({configuration}).", dll);
        }

        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [dll]) { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var healthKey = Guid.NewGuid().ToString("N");
        start.Environment["Health__DetailsKey"] = healthKey;
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Search service.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"[search:{port}] {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var instance = new SearchProcess(process, new Uri($"http://127.0.0.1:{port}"), healthKey);
        try
        {
            await instance.WaitUntilIndexedAsync();
        }
        catch
        {
            // A service left running would hold what it inherited (ports, the callers' lock files) after the benchmark ends.
            await instance.DisposeAsync();
            throw;
        }

        return instance;
    }

    /// <summary>Until <c>/health</c> says the index is built (from the generated catalogue).</summary>
    private async Task WaitUntilIndexedAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        client.DefaultRequestHeaders.Add("X-Health-Key", _healthKey);
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The Search service exited with {_process.ExitCode}.");
            }

            try
            {
                using var health = JsonDocument.Parse(await client.GetStringAsync("/health"));
                if (health.RootElement.GetProperty("entries").GetProperty("index").GetProperty("status").GetString() == "Healthy")
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet, or answering 503 while RabbitMQ connects.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The Search service did not build its index within 5 minutes.");
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
