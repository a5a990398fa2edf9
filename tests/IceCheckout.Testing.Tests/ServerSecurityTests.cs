using System.Diagnostics;
using IceCheckout.Testing;
using MySqlConnector;
using StackExchange.Redis;

namespace IceCheckout.Testing.Tests;

/// <summary>What <c>scripts/servers.sh</c> guarantees about the servers it runs, checked on the real processes.</summary>
public sealed class ServerSecurityTests : IClassFixture<RedisServer>, IClassFixture<MariaDbServer>
{
    private readonly RedisServer _redis;
    private readonly MariaDbServer _mariaDb;

    public ServerSecurityTests(RedisServer redis, MariaDbServer mariaDb)
    {
        _redis = redis;
        _mariaDb = mariaDb;
    }

    [Fact]
    public async Task Redis_refuses_a_client_without_its_password_and_serves_the_connection_string_it_hands_out()
    {
        await using var withPassword = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        await withPassword.GetDatabase().PingAsync();

        await using var withoutPassword = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_redis.Port},abortConnect=false,connectTimeout=2000");
        await Assert.ThrowsAnyAsync<RedisException>(() => withoutPassword.GetDatabase().PingAsync());
    }

    [Fact]
    public async Task MariaDb_runs_as_an_unprivileged_user_and_the_application_user_cannot_touch_files()
    {
        await using var connection = new MySqlConnection(await _mariaDb.CreateDatabaseAsync());
        await connection.OpenAsync();

        var grants = new List<string>();
        await using (var command = new MySqlCommand("SHOW GRANTS", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                grants.Add(reader.GetString(0));
            }
        }

        Assert.DoesNotContain(grants, g => g.Contains("ALL PRIVILEGES", StringComparison.Ordinal) || g.Contains(" FILE", StringComparison.Ordinal)
            || g.Contains("SUPER", StringComparison.Ordinal) || g.Contains("GRANT OPTION", StringComparison.Ordinal));
        await using (var command = new MySqlCommand("SELECT @@secure_file_priv", connection))
        {
            Assert.False(string.IsNullOrEmpty(await command.ExecuteScalarAsync() as string));
        }

        var outfile = Path.Combine(Path.GetTempPath(), $"outfile-{Guid.NewGuid():N}");
        await using (var command = new MySqlCommand($"SELECT 1 INTO OUTFILE '{outfile}'", connection))
        {
            await Assert.ThrowsAsync<MySqlException>(() => command.ExecuteNonQueryAsync());
        }

        Assert.False(File.Exists(outfile));
        var pid = File.ReadAllText(Path.Combine(_mariaDb.DataDirectory, "mariadb", "mariadbd.pid")).Split(' ')[0].Trim();
        var uid = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        Assert.NotEqual("0", uid.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1]);
    }

    [Theory]
    [InlineData("{0}")]
    [InlineData("{0} 1")]
    public async Task Stop_with_a_stale_pid_file_leaves_the_process_that_now_has_that_pid_alone(string pidFile)
    {
        var folder = NewFolder();
        using var unrelated = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "redis"));
            await File.WriteAllTextAsync(Path.Combine(folder, "redis", "redis.pid"), string.Format(System.Globalization.CultureInfo.InvariantCulture, pidFile, unrelated.Id));

            var (exitCode, _) = await RunScriptAsync(["stop", "redis", "--dir", folder]);

            Assert.Equal(0, exitCode);
            Assert.False(unrelated.HasExited, "servers.sh stop signalled a process it did not start");
        }
        finally
        {
            unrelated.Kill();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_link_planted_where_ports_are_reserved_is_refused_and_nothing_is_written_through_it()
    {
        var folder = NewFolder();
        var victim = Directory.CreateDirectory(Path.Combine(folder, "victim")).FullName;
        var planted = Path.Combine(folder, "reservations");
        File.CreateSymbolicLink(planted, victim);
        try
        {
            var (exitCode, output) = await RunScriptAsync(["start", "redis", "--dir", Path.Combine(folder, "servers")], ("SERVERS_PORT_RESERVATIONS", planted));

            Assert.NotEqual(0, exitCode);
            Assert.Contains(planted, output, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFileSystemEntries(victim));
        }
        finally
        {
            await RunScriptAsync(["remove", "redis", "--dir", Path.Combine(folder, "servers")], ("SERVERS_PORT_RESERVATIONS", planted));
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "icecheckout-tests", $"security-{Guid.NewGuid():N}"[..21]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static async Task<(int ExitCode, string Output)> RunScriptAsync(string[] arguments, params (string Key, string Value)[] environment)
    {
        var startInfo = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        startInfo.ArgumentList.Add(Path.Combine(RepositoryRoot.Path, "scripts", "servers.sh"));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
