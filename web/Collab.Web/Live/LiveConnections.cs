using Collab.Hosting.Telemetry;

namespace Collab.Web.Live;

/// <summary>
/// The hub connections of this web node and the scopes each has joined, indexed by the circle those scopes
/// live under, so a change of membership in a circle finds the connections it concerns without a scan.
/// Bookkeeping only: the steps that go with joining and leaving are <see cref="ConnectionScopes"/>.
/// </summary>
public sealed class LiveConnections(CollabMetrics metrics)
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, LiveConnection> _connections = [];
    private readonly Dictionary<string, Dictionary<JoinedScope, LiveConnection>> _byCircle = [];
    private TaskCompletionSource? _emptied;

    public int Count
    {
        get
        {
            lock (_sync) return _connections.Count;
        }
    }

    /// <summary>Completes once no connection is open (at once when none is).</summary>
    public Task WhenEmpty()
    {
        lock (_sync)
        {
            if (_connections.Count == 0) return Task.CompletedTask;
            _emptied ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _emptied.Task;
        }
    }

    public LiveConnection Open(string connectionId, string memberId, string displayName)
    {
        var connection = new LiveConnection(connectionId, memberId, displayName);
        lock (_sync) _connections.Add(connectionId, connection);
        metrics.ConnectionOpened();
        return connection;
    }

    public LiveConnection? Find(string connectionId)
    {
        lock (_sync) return _connections.GetValueOrDefault(connectionId);
    }

    /// <summary>Forgets the connection; answers the scopes it had joined (none when it was already closed).</summary>
    public IReadOnlyList<JoinedScope> Close(LiveConnection connection)
    {
        lock (_sync)
        {
            if (connection.Closed) return [];
            connection.Closed = true;
            _connections.Remove(connection.Id);
            var joined = connection.Joined.Values.ToList();
            foreach (var scope in joined) Unindex(scope);
            connection.Joined.Clear();
            metrics.ConnectionClosed();
            if (_connections.Count == 0)
            {
                _emptied?.TrySetResult();
                _emptied = null;
            }
            return joined;
        }
    }

    public bool IsOpen(LiveConnection connection)
    {
        lock (_sync) return !connection.Closed;
    }

    public bool IsJoined(LiveConnection connection, string scope)
    {
        lock (_sync) return connection.Joined.ContainsKey(scope);
    }

    public int JoinedCount(LiveConnection connection)
    {
        lock (_sync) return connection.Joined.Count;
    }

    /// <summary>Records that the connection joined the scope; null when it had already joined it.</summary>
    public JoinedScope? Join(LiveConnection connection, string scope, string? circle)
    {
        lock (_sync)
        {
            if (connection.Closed || connection.Joined.ContainsKey(scope)) return null;
            var joined = new JoinedScope(scope, circle);
            connection.Joined.Add(scope, joined);
            if (circle is not null)
            {
                if (!_byCircle.TryGetValue(circle, out var under)) _byCircle[circle] = under = [];
                under.Add(joined, connection);
            }
            return joined;
        }
    }

    /// <summary>Records that the connection left the scope; answers what it had joined, or null.</summary>
    public JoinedScope? Leave(LiveConnection connection, string scope)
    {
        lock (_sync)
        {
            if (!connection.Joined.Remove(scope, out var joined)) return null;
            Unindex(joined);
            return joined;
        }
    }

    /// <summary>Like <see cref="Leave(LiveConnection, string)"/>, but only if the scope is still that very joining.</summary>
    public bool Leave(LiveConnection connection, JoinedScope joined)
    {
        lock (_sync)
        {
            if (!connection.Joined.TryGetValue(joined.Scope, out var current) || current != joined) return false;
            connection.Joined.Remove(joined.Scope);
            Unindex(joined);
            return true;
        }
    }

    /// <summary>The scopes joined under a circle, by every connection or by those of one member.</summary>
    public IReadOnlyList<(LiveConnection Connection, JoinedScope Joined)> Under(string circle, string? memberId = null)
    {
        lock (_sync)
        {
            if (!_byCircle.TryGetValue(circle, out var under)) return [];
            return under.Where(u => memberId is null || u.Value.MemberId == memberId).Select(u => (u.Value, u.Key)).ToList();
        }
    }

    private void Unindex(JoinedScope joined)
    {
        if (joined.Circle is null || !_byCircle.TryGetValue(joined.Circle, out var under)) return;
        under.Remove(joined);
        if (under.Count == 0) _byCircle.Remove(joined.Circle);
    }
}
