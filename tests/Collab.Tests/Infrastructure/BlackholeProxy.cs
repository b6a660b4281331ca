using System.Net;
using System.Net.Sockets;

namespace Collab.Tests.Infrastructure;

/// <summary>
/// A loopback TCP proxy that can go silent: after <see cref="Blackhole"/> it forwards nothing and closes
/// nothing, which is what a client that lost its network looks like to the server (no close frame, no reset).
/// </summary>
public sealed class BlackholeProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _sockets = [];
    private readonly Uri _target;
    private volatile bool _silent;

    public BlackholeProxy(Uri target)
    {
        _target = target;
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _ = AcceptLoop();
    }

    public Uri Address { get; }

    /// <summary>From now on, bytes in either direction are swallowed and new connections are refused.</summary>
    public void Blackhole() => _silent = true;

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (_silent)
            {
                inbound.Dispose();
                continue;
            }
            var outbound = new TcpClient();
            await outbound.ConnectAsync(_target.Host, _target.Port);
            lock (_sockets) _sockets.AddRange([inbound, outbound]);
            _ = Pump(inbound.GetStream(), outbound.GetStream());
            _ = Pump(outbound.GetStream(), inbound.GetStream());
        }
    }

    private async Task Pump(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, _stop.Token);
                if (read == 0) return;
                if (!_silent) await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The other side closed or the proxy is stopping: this direction is done.
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_sockets) _sockets.ForEach(s => s.Dispose());
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
