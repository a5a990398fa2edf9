using System.Diagnostics;

namespace IceCheckout.Testing;

/// <summary>Runs <c>scripts/servers.sh</c>, the one place that knows how each server starts and stops.</summary>
internal static class ServersScript
{
    public static string ScriptPath => Path.Combine(RepositoryRoot.Path, "scripts", "servers.sh");

    public static async Task<string> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        using var process = Process.Start(CreateStartInfo(arguments))
            ?? throw new InvalidOperationException($"Could not start {ScriptPath}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return Check(process, arguments, await output, await error);
    }

    /// <summary>Blocking variant for process-exit handlers, where nothing can be awaited.</summary>
    public static void Run(IEnumerable<string> arguments, TimeSpan timeout)
    {
        using var process = Process.Start(CreateStartInfo(arguments));
        if (process is not null && !process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>The <c>KEY=VALUE</c> lines of <c>servers.sh env</c> for the servers started in <paramref name="directory"/>.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> EnvironmentAsync(string directory, CancellationToken cancellationToken)
    {
        var output = await RunAsync(["env", "--dir", directory], cancellationToken);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = line.IndexOf('=', StringComparison.Ordinal);
            if (separator > 0)
            {
                values[line[..separator]] = line[(separator + 1)..];
            }
        }

        return values;
    }

    private static ProcessStartInfo CreateStartInfo(IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        startInfo.ArgumentList.Add(ScriptPath);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    private static string Check(Process process, IEnumerable<string> arguments, string output, string error)
    {
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"servers.sh {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:{Environment.NewLine}{error}{output}");
        }

        return output;
    }
}
