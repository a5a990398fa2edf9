using System.Collections.Concurrent;
using System.Diagnostics;

namespace IceCheckout.Services.Tests.Infrastructure;

/// <summary>
/// One service run as a real process, <c>dotnet IceCheckout.X.dll</c>, on a fixed loopback port with the configuration
/// contract as environment variables. Stopping and starting it again keeps the port, so whoever points at it still finds it.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<ServiceProcess, byte> s_running = new();
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _unhandled = new();
    private readonly Lock _unhandledLock = new();
    private int _unhandledLinesToKeep;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private Process? _process;

    static ServiceProcess()
    {
        // A test host that ends without disposing its fixtures still leaves no service behind.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var service in s_running.Keys)
            {
                service.Kill();
            }
        };
    }

    public ServiceProcess(string name, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        _environment = environment;
        Port = FreePort.Next();
    }

    public string Name { get; }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public bool HasExited => _process is null || _process.HasExited;

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output.TakeLast(60));

    /// <summary>The first lines of every request that ended in an unhandled exception (a 500), however long ago.</summary>
    public string UnhandledExceptions => string.Join(Environment.NewLine, _unhandled);

    public void Start()
    {
        if (!HasExited)
        {
            throw new InvalidOperationException($"{Name} is already running.");
        }

        var assembly = ServiceBinaries.PathOf(Name);
        var startInfo = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { assembly },
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        foreach (var inherited in startInfo.Environment.Keys.Where(IsInheritedServiceSetting).ToList())
        {
            startInfo.Environment.Remove(inherited);
        }

        startInfo.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString();
        startInfo.Environment["OTEL_SERVICE_NAME"] = Name;
        startInfo.Environment["Health__DetailsKey"] = HealthProbe.DetailsKey;
        foreach (var (key, value) in _environment)
        {
            startInfo.Environment[key] = value;
        }

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, line) => Record(line.Data);
        process.ErrorDataReceived += (_, line) => Record(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        s_running[this] = 0;
    }

    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        Kill();
        await process.WaitForExitAsync();
        process.Dispose();
        _process = null;
        s_running.TryRemove(this, out _);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private void Kill()
    {
        try
        {
            if (_process is { HasExited: false } process)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 500 && _output.TryDequeue(out _))
        {
        }

        lock (_unhandledLock)
        {
            if (line.StartsWith("fail: Microsoft.AspNetCore.Diagnostics.", StringComparison.Ordinal))
            {
                _unhandledLinesToKeep = 10;
            }

            if (_unhandledLinesToKeep > 0 && _unhandled.Count < 200)
            {
                _unhandledLinesToKeep--;
                _unhandled.Enqueue(line);
            }
        }
    }

    private static bool IsInheritedServiceSetting(string key) =>
        key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("services__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase);
}
