using System.Globalization;
using Xunit;

namespace IceCheckout.Testing;

/// <summary>
/// A real server started by <c>scripts/servers.sh</c> as a plain process on a free loopback port, with its
/// data in its own temporary folder. Started by xunit through <see cref="IAsyncLifetime"/>; stopped, with
/// every process it started, on dispose, when the test host exits, and (through the script's watchdog)
/// when the test host is killed.
/// </summary>
public abstract class ServerFixture : IAsyncLifetime
{
    private static readonly TimeSpan s_exitStopTimeout = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _connectionString;
    private bool _disposed;

    protected ServerFixture(string serverName)
    {
        ServerName = serverName;
        DataDirectory = Path.Combine(Path.GetTempPath(), "icecheckout-tests", $"{serverName}-{Guid.NewGuid():N}"[..24]);
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary><c>redis</c>, <c>rabbitmq</c> or <c>mariadb</c>: the name <c>servers.sh</c> knows it by.</summary>
    public string ServerName { get; }

    /// <summary>The folder holding the server's data, port and logs.</summary>
    public string DataDirectory { get; }

    /// <summary>Whether the server was started and not stopped since.</summary>
    public bool IsRunning { get; private set; }

    /// <summary>The connection string in the format of the configuration contract (docs/ARCHITECTURE.md).</summary>
    public string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException($"{GetType().Name} has not been started.");

    /// <summary>The loopback port the server listens on; the same across <see cref="StopAsync"/> and <see cref="StartAsync"/>.</summary>
    public int Port { get; private set; }

    /// <summary>Starts the server, or restarts it on the same port with the same data after <see cref="StopAsync"/>.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await ServersScript.RunAsync(
                ["start", ServerName, "--dir", DataDirectory, "--watch-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)],
                cancellationToken);
            var environment = await ServersScript.EnvironmentAsync(DataDirectory, cancellationToken);
            _connectionString = SelectConnectionString(environment);
            Port = int.Parse(
                await File.ReadAllTextAsync(Path.Combine(DataDirectory, ServerName, "port"), cancellationToken),
                CultureInfo.InvariantCulture);
            IsRunning = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the server (and its helper processes); its port and data stay for <see cref="StartAsync"/>.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await ServersScript.RunAsync(["stop", ServerName, "--dir", DataDirectory], cancellationToken);
            IsRunning = false;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => StartAsync();

    public async Task DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await _gate.WaitAsync();
        try
        {
            await ServersScript.RunAsync(["remove", ServerName, "--dir", DataDirectory]);
            IsRunning = false;
            _disposed = true;
        }
        finally
        {
            _gate.Release();
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        DeleteDataDirectory();
        _gate.Dispose();
    }

    /// <summary>Picks this server's connection string from the <c>servers.sh env</c> output.</summary>
    protected abstract string SelectConnectionString(IReadOnlyDictionary<string, string> environment);

    /// <summary>Runs a <c>scripts/servers.sh</c> command on this server's data folder.</summary>
    protected Task<string> RunScriptAsync(string command, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        ServersScript.RunAsync([command, "--dir", DataDirectory, .. arguments], cancellationToken);

    private void OnProcessExit(object? sender, EventArgs e)
    {
        if (!_disposed)
        {
            ServersScript.Run(["remove", ServerName, "--dir", DataDirectory], s_exitStopTimeout);
            DeleteDataDirectory();
        }
    }

    private void DeleteDataDirectory()
    {
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the processes are what must not be left behind.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
