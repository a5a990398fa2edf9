using System.Net;
using System.Net.Sockets;

namespace IceCheckout.Services.Tests.Infrastructure;

public static class FreePort
{
    private static readonly HashSet<int> s_handedOut = [];

    /// <summary>A loopback port that is free now and was not handed out before in this test run.</summary>
    public static int Next()
    {
        lock (s_handedOut)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (s_handedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
