using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;

namespace IceCheckout.Services.Tests.Infrastructure;

/// <summary>
/// Loopback ports for the processes the tests start, picked the way <c>scripts/servers.sh</c> picks its servers' ports:
/// outside the kernel's ephemeral range (so no outgoing connection holds one when a process restarts on it), and reserved
/// in the same per-user folder of reservations, so that no server or test host started in parallel takes one this
/// test host handed out. A reservation names a folder of this test host as its owner; once that folder is gone (the
/// host exited, or its temp folder was cleaned up), <c>servers.sh</c> and later test hosts may take the port over.
/// </summary>
public static class FreePort
{
    private const int RangeStart = 20000;
    private const int RangeLength = 12000;
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static readonly Lock s_lock = new();
    private static readonly HashSet<int> s_handedOut = [];
    private static readonly Lazy<string> s_owner = new(CreateOwnerFolder);

    /// <summary>A loopback port that is free now, outside the ephemeral range, reserved for this test host and not handed out before.</summary>
    public static int Next()
    {
        var (ephemeralLow, ephemeralHigh) = EphemeralRange();
        var reservations = ReservationsFolder();
        lock (s_lock)
        {
            for (var attempt = 0; attempt < 2000; attempt++)
            {
                var port = RangeStart + Random.Shared.Next(RangeLength);
                if (port >= ephemeralLow && port <= ephemeralHigh || s_handedOut.Contains(port) || !CanBind(port))
                {
                    continue;
                }

                if (TryReserve(reservations, port))
                {
                    s_handedOut.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException(
            $"No free port between {RangeStart} and {RangeStart + RangeLength} outside the ephemeral range {ephemeralLow}-{ephemeralHigh}.");
    }

    /// <summary>The kernel's ephemeral port range; Linux's default when it cannot be read.</summary>
    public static (int Low, int High) EphemeralRange()
    {
        try
        {
            var fields = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range")
                .Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return (int.Parse(fields[0], CultureInfo.InvariantCulture), int.Parse(fields[1], CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return (32768, 60999);
        }
    }

    /// <summary>The reservations folder <c>scripts/servers.sh</c> uses: <c>SERVERS_PORT_RESERVATIONS</c>, else <c>/tmp/icecheckout-ports-UID</c>.</summary>
    public static string ReservationsFolder() =>
        Environment.GetEnvironmentVariable("SERVERS_PORT_RESERVATIONS") is { Length: > 0 } configured
            ? configured
            : $"/tmp/icecheckout-ports-{UserId()}";

    private static bool TryReserve(string reservations, int port)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Port reservations are shared with scripts/servers.sh, which runs on Linux.");
        }

        PrivateFolder(reservations);
        var reservation = Path.Combine(reservations, port.ToString(CultureInfo.InvariantCulture));
        var ownerFile = Path.Combine(reservation, "owner");
        try
        {
            // Like mkdir: creating the folder is the reservation, so two hosts racing for one port cannot both win.
            if (Directory.Exists(reservation))
            {
                var owner = File.Exists(ownerFile) ? File.ReadAllText(ownerFile).Trim() : "";
                if (owner.Length == 0 || Directory.Exists(owner))
                {
                    return false;
                }
            }
            else
            {
                if (!TryCreateFolder(reservation))
                {
                    return false;
                }
            }

            File.WriteAllText(ownerFile, s_owner.Value + "\n");
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    [UnsupportedOSPlatform("windows")]
    private static bool TryCreateFolder(string path)
    {
        // Directory.CreateDirectory succeeds on an existing folder; a fresh name with a move is an atomic "create or fail".
        var staging = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}";
        Directory.CreateDirectory(staging, OwnerOnly);
        try
        {
            Directory.Move(staging, path);
            return true;
        }
        catch (IOException)
        {
            Directory.Delete(staging);
            return false;
        }
    }

    [UnsupportedOSPlatform("windows")]
    private static void PrivateFolder(string path)
    {
        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, OwnerOnly);
        }

        var folder = new DirectoryInfo(path);
        if (folder.LinkTarget is not null || folder.UnixFileMode != OwnerOnly)
        {
            throw new InvalidOperationException($"{path} is not a private folder (a link, or open to others): remove it.");
        }
    }

    /// <summary>A folder that exists while this test host runs: the owner named in its reservations.</summary>
    private static string CreateOwnerFolder()
    {
        var owner = Path.Combine(Path.GetTempPath(), "icecheckout-tests", $"ports-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(owner);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(owner, recursive: true);
            }
            catch (IOException)
            {
                // Left behind, it keeps its ports reserved until the temp folder is cleaned up; nothing else breaks.
            }
        };
        return owner;
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string UserId() =>
        File.ReadLines("/proc/self/status")
            .Where(line => line.StartsWith("Uid:", StringComparison.Ordinal))
            .Select(line => line.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[1])
            .First();
}
