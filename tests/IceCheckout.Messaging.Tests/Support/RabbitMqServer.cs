using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IceCheckout.Testing;

// Stand-in for the shared fixture of tests/IceCheckout.Testing until it lands; same members, deleted then.
public sealed class RabbitMqServer : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"icecheckout-mq-{Guid.NewGuid():N}"[..24]);
    private readonly Dictionary<string, string> _environment = [];
    private Process? _server;

    public int Port { get; private set; }

    public string ConnectionString => $"amqp://guest:guest@127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
        Port = FreePort();
        var data = Path.Combine(_directory, "data");
        _environment["RABBITMQ_NODENAME"] = $"msgtest{Port}@localhost";
        _environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        _environment["RABBITMQ_NODE_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _environment["RABBITMQ_DIST_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        _environment["ERL_EPMD_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        _environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(data, "mnesia");
        _environment["RABBITMQ_LOG_BASE"] = Path.Combine(data, "log");
        _environment["RABBITMQ_FEATURE_FLAGS_FILE"] = Path.Combine(data, "feature_flags");
        _environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(data, "enabled_plugins");
        _environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(data, "rabbitmq");
        _environment["HOME"] = Path.Combine(data, "home");
        foreach (var folder in new[] { "mnesia", "log", "home" })
        {
            Directory.CreateDirectory(Path.Combine(data, folder));
        }

        await File.WriteAllTextAsync(Path.Combine(data, "enabled_plugins"), "[].");
        await File.WriteAllTextAsync(Path.Combine(data, "rabbitmq.conf"), "loopback_users = none\n");
        await RunAsync("chown", ["-R", "rabbitmq:rabbitmq", _directory]);
        await StartAsync();
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("rabbitmq-server") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        _server = Process.Start(start)!;
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(200, timeout.Token);
            }
        }
    }

    public async Task StopAsync()
    {
        await RunAsync("rabbitmqctl", ["stop"]);
        if (_server is not null)
        {
            await _server.WaitForExitAsync();
            _server.Dispose();
            _server = null;
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await StopAsync();
        }

        await RunAsync("epmd", ["-kill"]);
        Directory.Delete(_directory, recursive: true);
    }

    private async Task RunAsync(string command, string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
