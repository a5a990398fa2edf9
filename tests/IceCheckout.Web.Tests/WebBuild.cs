using System.Diagnostics;
using IceCheckout.Testing;

namespace IceCheckout.Web.Tests;

/// <summary>
/// Runs npm in <c>web/</c>: <c>npm ci</c> when its packages are missing or older than the lock file, then a script. The
/// end-to-end tests test the app as it is built from the repository, not a stale <c>web/dist</c>.
/// </summary>
public static class WebBuild
{
    private static readonly SemaphoreSlim s_gate = new(1, 1);

    public static string WebFolder => Path.Combine(RepositoryRoot.Path, "web");

    public static string DistFolder => Path.Combine(WebFolder, "dist");

    public static async Task<(int ExitCode, string Output)> RunScriptAsync(string script)
    {
        await s_gate.WaitAsync();
        try
        {
            var installed = Path.Combine(WebFolder, "node_modules", ".package-lock.json");
            if (!File.Exists(installed) || File.GetLastWriteTimeUtc(installed) < File.GetLastWriteTimeUtc(Path.Combine(WebFolder, "package-lock.json")))
            {
                var (code, output) = await NpmAsync("ci", "--no-audit", "--no-fund");
                if (code != 0)
                {
                    return (code, output);
                }
            }

            return await NpmAsync("run", script);
        }
        finally
        {
            s_gate.Release();
        }
    }

    private static async Task<(int, string)> NpmAsync(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("npm")
        {
            WorkingDirectory = WebFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["CI"] = "true";
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("npm did not start; Node.js 20 and npm are needed.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, $"npm {string.Join(' ', arguments)}:{Environment.NewLine}{await output}{await error}");
    }
}
