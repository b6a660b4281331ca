using Collab.Replay.Traces;

namespace Collab.Replay.Replay;

/// <summary>
/// A concurrent trace's replay planned ahead, with no I/O: the <see cref="ServerOrder"/> in which the server applies
/// the transactions and, step by step, when each agent makes each transaction, takes each revision from the server
/// and has its operation reach the server. A transport runs the steps in order (the hub replay, the tests'
/// in-memory one) and needs no judgement of its own, so every transport yields the same server log.
/// </summary>
/// <remarks>
/// <para>
/// The agents are OT clients like <see cref="Editing.OtClient"/>: a local edit applies at once, one operation is in
/// flight and the others wait behind it, revisions are taken strictly in order. The transactions reach the server
/// in server order. For transaction t of agent a to be submitted, a must have made t and t must be in flight, so a
/// makes its next transaction as soon as it has taken exactly the other agents' edits that transaction saw, and
/// otherwise takes the next revision: it is always one the server has applied, since whatever t and a's earlier
/// transactions saw, and a's own operation in flight, come earlier in the server order.
/// </para>
/// <para>
/// The one rule that keeps an agent from seeing too much: before it takes another agent's edit, it makes every one
/// of its own transactions that did not see that edit (once taken, an edit cannot be unseen). They can be made
/// right then: the server order puts all that a transaction saw before all it did not see, so the agent has taken
/// exactly what they saw. They wait behind the operation in flight and are transformed over the edit when it is
/// taken, as an editor's pending typing is.
/// </para>
/// </remarks>
public sealed class DeliverySchedule
{
    private readonly EditingTrace _trace;
    private readonly int[][] _seen;
    private readonly int[] _order;
    private readonly int[] _ordinal;
    private readonly List<int>[] _byAgent;
    private readonly List<DeliveryStep> _steps = [];
    // Per agent: its transactions made, handed to the network by its client (one in flight at a time), submitted,
    // acknowledged; the revisions it has taken; _received[agent][author]: the author's edits the agent has taken.
    private readonly int[] _made, _handedOut, _submitted, _acknowledged, _taken;
    private readonly int[][] _received;
    // Revisions the server has applied so far (while planning).
    private int _applied;

    private DeliverySchedule(EditingTrace trace, int[][] seen, int[] order)
    {
        var agents = trace.NumAgents;
        (_trace, _seen, _order) = (trace, seen, order);
        _byAgent = new List<int>[agents];
        for (var a = 0; a < agents; a++) _byAgent[a] = [];
        _ordinal = new int[trace.Transactions.Count];
        for (var t = 0; t < _ordinal.Length; t++)
        {
            var own = _byAgent[Agent(t)];
            _ordinal[t] = own.Count;
            own.Add(t);
        }
        (_made, _handedOut, _submitted, _acknowledged, _taken) = (new int[agents], new int[agents], new int[agents], new int[agents], new int[agents]);
        _received = [.. Enumerable.Range(0, agents).Select(_ => new int[agents])];

        for (; _applied < order.Length; _applied++)
        {
            var t = order[_applied];
            var a = Agent(t);
            while (_handedOut[a] == _submitted[a]) Advance(a, t);
            _steps.Add(new(DeliveryAction.Submit, a, t));
            _submitted[a]++;
        }
        // Everyone stays connected until they have every revision, as after any editing session.
        for (var a = 0; a < agents; a++) while (_taken[a] < _applied) Take(a);
    }

    public EditingTrace Trace => _trace;

    /// <summary>The transaction indexes in the order the server applies them.</summary>
    public IReadOnlyList<int> Order => _order;

    public IReadOnlyList<DeliveryStep> Steps => _steps;

    /// <summary>Plans the replay of a concurrent trace; throws <see cref="InvalidDataException"/> when no server order exists.</summary>
    public static DeliverySchedule Plan(EditingTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var seen = trace.SeenCounts();
        return new DeliverySchedule(trace, seen, ServerOrder.Compute(trace, seen));
    }

    private int Agent(int transaction) => _trace.Transactions[transaction].Agent;

    /// <summary>One step towards transaction <paramref name="t"/> of agent <paramref name="a"/> being in flight.</summary>
    private void Advance(int a, int t)
    {
        if (_made[a] <= _ordinal[t])
        {
            var next = _byAgent[a][_made[a]];
            if (SeesExactly(a, next))
            {
                Edit(a, next);
                return;
            }
        }
        // Either the next transaction saw edits not taken yet, or t waits behind the operation in flight.
        Take(a);
    }

    private void Edit(int a, int t)
    {
        _made[a]++;
        if (_handedOut[a] == _acknowledged[a]) _handedOut[a]++;
        _steps.Add(new(DeliveryAction.Edit, a, t));
    }

    private void Take(int a)
    {
        // Cannot happen with a server order (see the remarks); checked so that a mistake shows where, not as a hang.
        if (_taken[a] >= _applied)
            throw new InvalidOperationException($"Agent {a} would wait for revision {_taken[a] + 1}, which the server never gets before it is needed.");
        var x = _order[_taken[a]];
        var author = Agent(x);
        if (author == a)
        {
            _acknowledged[a]++;
            if (_made[a] > _handedOut[a]) _handedOut[a]++;
        }
        else
        {
            for (var u = NextOf(a); u >= 0 && _seen[u][author] <= _received[a][author]; u = NextOf(a))
            {
                if (!SeesExactly(a, u))
                    throw new InvalidOperationException($"Transaction {u} of agent {a} must be made before transaction {x} is taken, but the agent has not taken what it saw yet.");
                Edit(a, u);
            }
            _received[a][author]++;
        }
        _taken[a]++;
        _steps.Add(new(DeliveryAction.Take, a, x));
    }

    private int NextOf(int a) => _made[a] < _byAgent[a].Count ? _byAgent[a][_made[a]] : -1;

    private bool SeesExactly(int a, int t)
    {
        for (var b = 0; b < _received[a].Length; b++) if (b != a && _received[a][b] != _seen[t][b]) return false;
        return true;
    }
}
