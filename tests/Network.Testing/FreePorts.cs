using System.Net;
using System.Net.Sockets;

namespace Network.Testing;

/// <summary>Loopback ports nobody is listening on, so test hosts can run side by side.</summary>
public static class FreePorts
{
    private static readonly HashSet<int> Handed = [];

    public static int Next()
    {
        lock (Handed)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                // Never hand the same port out twice in one test run, even if the OS would.
                if (Handed.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
