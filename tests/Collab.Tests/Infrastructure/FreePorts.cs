using System.Net;
using System.Net.Sockets;

namespace Collab.Tests.Infrastructure;

public static class FreePorts
{
    /// <summary>A loopback port nobody listens on right now (the OS picks it), so parallel runs never meet.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
