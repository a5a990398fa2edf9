using System.Globalization;
using System.Net;
using System.Net.Sockets;
using IceCheckout.Services.Tests.Infrastructure;

namespace IceCheckout.Services.Tests;

public sealed class FreePortTests
{
    [Fact]
    public void A_port_is_outside_the_ephemeral_range_bindable_and_reserved_for_this_test_host_the_way_servers_sh_reserves()
    {
        var (low, high) = FreePort.EphemeralRange();

        var ports = Enumerable.Range(0, 20).Select(_ => FreePort.Next()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.All(ports, port => Assert.False(port >= low && port <= high, $"{port} is in the ephemeral range {low}-{high}."));
        foreach (var port in ports)
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();

            var owner = File.ReadAllText(Path.Combine(FreePort.ReservationsFolder(), port.ToString(CultureInfo.InvariantCulture), "owner")).Trim();
            Assert.True(Directory.Exists(owner), $"The owner {owner} of port {port} does not exist, so servers.sh could take the port.");
        }

        var reservations = new DirectoryInfo(FreePort.ReservationsFolder());
        Assert.Null(reservations.LinkTarget);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, reservations.UnixFileMode);
    }
}
