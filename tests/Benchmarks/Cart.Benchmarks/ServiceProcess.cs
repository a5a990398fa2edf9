using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using IceCheckout.Testing;

namespace IceCheckout.Cart.Benchmarks;

/// <summary>A service of the store as a real process on a free loopback port, configured the way the AppHost would.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServiceProcess(Process process, Uri baseAddress) => (_process, BaseAddress) = (process, baseAddress);

    public Uri BaseAddress { get; }

    /// <param name="project">The folder under <c>services/</c>, e.g. <c>Cart</c>.</param>
    public static async Task<ServiceProcess> StartAsync(string project, string configuration, IReadOnlyDictionary<string, string> settings, string readyPath = "/health")
    {
        var dll = Path.Combine(RepositoryRoot.Path, "services", project, "bin", configuration, "net10.0", $"IceCheckout.{project}.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the {project} service first ({configuration}).", dll);
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

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {project}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"[{project}:{port}] {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var instance = new ServiceProcess(process, new Uri($"http://127.0.0.1:{port}"));
        await instance.WaitUntilAsync(readyPath, project);
        return instance;
    }

    private async Task WaitUntilAsync(string path, string project)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{project} exited with {_process.ExitCode}.");
            }

            try
            {
                if ((await client.GetAsync(path)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{project} did not become ready within 3 minutes.");
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
