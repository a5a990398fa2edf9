#if ASPIRE_CONTAINERS
using System.Diagnostics;
#endif
using Microsoft.Extensions.Configuration;

namespace IceCheckout.AppHost.Servers;

internal static class StoreServersExtensions
{
    public const string ModeKey = "Servers:Mode";

    /// <summary>
    /// The servers as containers where a container runtime answers (and the AppHost was built with
    /// <c>-p:AspireContainers=true</c>), otherwise as executables from the operating system's packages.
    /// </summary>
    public static StoreServers AddStoreServers(this IDistributedApplicationBuilder builder)
    {
        var mode = builder.Configuration.GetValue(ModeKey, ServerMode.Auto);
#if ASPIRE_CONTAINERS
        if (mode == ServerMode.Containers || (mode == ServerMode.Auto && ContainerRuntimeAnswers()))
        {
            return builder.AddServerContainers();
        }
#else
        if (mode == ServerMode.Containers)
        {
            throw new InvalidOperationException(
                $"{ModeKey} is Containers, but this AppHost was built without them: build it with -p:AspireContainers=true "
                + "(its packages Aspire.Hosting.MySql, .Elasticsearch, .JavaScript and .Azure.AppContainers come from nuget.org).");
        }
#endif
        return builder.AddServerExecutables();
    }

#if ASPIRE_CONTAINERS
    // A docker client on PATH is not enough (these machines have one without a daemon): the runtime must answer.
    private static bool ContainerRuntimeAnswers()
    {
        var runtime = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME") ?? "docker";
        try
        {
            using var info = Process.Start(new ProcessStartInfo(runtime, "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (info is null || !info.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                info?.Kill();
                return false;
            }

            return info.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
#endif
}
