using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Collab.Bench.Hosting;
using Collab.Bench.Measuring;
using Collab.Grains.Abstractions.Documents;
using Collab.Grains.Documents.Ot;
using Collab.Replay.Editing;
using Microsoft.AspNetCore.SignalR.Client;

namespace Collab.Bench.Scenarios;

/// <summary>
/// 20 editors typing into one document at 10 keystrokes a second each, each a real hub connection with the ot.js
/// client (<see cref="OtClient"/>: one operation in flight, what is typed meanwhile composed and sent after the
/// acknowledgement). Latency from a keystroke to its arrival at every other editor; at the end every editor's text
/// must equal the server's. Baseline in the same run: the bare SignalR hub relaying every keystroke to the group.
/// </summary>
public static class EditorsScenario
{
    private const int Editors = 20;
    private static readonly TimeSpan Keystroke = TimeSpan.FromMilliseconds(100);

    public static async Task Run(BenchServer collab, BareHubServer bare, Report report, bool quick)
    {
        var seconds = quick ? 3 : 30;
        report.Line($"editors: {Editors} editors typing into one document at 10 keystrokes/s each for {seconds} s");
        var b = await Bare(bare, seconds);
        var (c, keystrokes, revisions) = await Collab(collab, seconds);
        report.Line($"  Collab: {keystrokes:N0} keystrokes became {revisions:N0} revisions (typing during a round trip travels composed); every editor's text equals the server's");
        report.Line($"  bare   {b}");
        report.Line($"  Collab {c}");
        report.Figure("editors", $"{Editors} × 10 keystrokes/s, keystroke to every other editor p50", $"{c.P50:F1} ms", $"{b.P50:F1} ms (bare relay)", c.P50 / b.P50);
        report.Figure("editors", $"{Editors} × 10 keystrokes/s, keystroke to every other editor p99", $"{c.P99:F1} ms", $"{b.P99:F1} ms (bare relay)", c.P99 / b.P99);
    }

    private static async Task<(Latencies.Summary Summary, int Keystrokes, long Revisions)> Collab(BenchServer server, int seconds)
    {
        var owner = await server.SignInAsync("editors-owner");
        var circleId = (await server.PostAsync(owner, "/api/circles", new { name = "Bench editors" })).GetProperty("id").GetString()!;
        var documentId = (await server.PostAsync(owner, $"/api/circles/{circleId}/projects", new { title = "Shared" })).GetProperty("id").GetString()!;
        var editors = new List<Editor>();
        for (var i = 0; i < Editors; i++)
        {
            var member = await server.SignInAsync($"editor-{i}");
            await server.PostAsync(member, $"/api/circles/{circleId}/join", new { });
            editors.Add(new Editor(await DocumentSession.OpenAsync(server.Address, member.Token, member.Id, documentId)));
        }

        var latencies = new Latencies();
        var typedAt = new ConcurrentDictionary<string, long[]>();
        var failures = new ConcurrentQueue<Exception>();
        using var stop = new CancellationTokenSource();
        var receiving = editors.Select(e => Task.Run(() => e.Receive(typedAt, latencies, failures, stop.Token))).ToList();
        await Task.WhenAll(editors.Select((e, i) => Task.Run(() => e.Type(seconds, new Random(i), typedAt, failures))));

        // Every editor's last operation acknowledged, then every editor caught up with the server's last revision.
        var grain = server.Grains.GetGrain<IDocumentGrain>(documentId);
        var deadline = Stopwatch.StartNew();
        while (editors.Any(e => e.Busy) && failures.IsEmpty && deadline.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(50);
        var final = await grain.Get(owner.Id);
        while (editors.Any(e => e.Session.Taken < final.Revision) && failures.IsEmpty && deadline.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(50);
        await stop.CancelAsync();
        await Task.WhenAll(receiving);
        if (failures.TryPeek(out var failure)) throw new InvalidOperationException("editors: an editor failed", failure);
        foreach (var e in editors)
            if (e.Text != final.Text) throw new InvalidOperationException($"editors: an editor's text differs from the server's at revision {final.Revision}.");
        var keystrokes = editors.Sum(e => e.Keystrokes);
        var expected = keystrokes * (Editors - 1);
        if (latencies.Count != expected) throw new InvalidOperationException($"editors: {expected - latencies.Count} keystroke receipts missing.");
        foreach (var e in editors) await e.Session.DisposeAsync();
        return (latencies.Summarize(), keystrokes, final.Revision);
    }

    private static async Task<Latencies.Summary> Bare(BareHubServer bare, int seconds)
    {
        var latencies = new Latencies();
        var typedAt = new ConcurrentDictionary<string, long>();
        var connections = new List<HubConnection>();
        for (var i = 0; i < Editors; i++)
        {
            var index = i;
            var connection = bare.Connection();
            connection.On<JsonElement>("Event", e =>
            {
                var text = e.GetProperty("payload").GetProperty("text").GetString()!;
                if (!text.StartsWith($"{index}:", StringComparison.Ordinal) && typedAt.TryGetValue(text, out var at)) latencies.Add(at);
            });
            await connection.StartAsync();
            await connection.InvokeAsync("JoinGroup", "editors");
            connections.Add(connection);
        }
        await Task.WhenAll(connections.Select((c, i) => Task.Run(async () =>
        {
            using var tick = new PeriodicTimer(Keystroke);
            for (var n = 0; n < seconds * 10; n++)
            {
                await tick.WaitForNextTickAsync();
                var key = $"{i}:{n}";
                typedAt[key] = Stopwatch.GetTimestamp();
                await c.InvokeAsync("Broadcast", "editors", key);
            }
        })));
        var expected = Editors * seconds * 10 * (Editors - 1);
        var deadline = Stopwatch.StartNew();
        while (latencies.Count < expected && deadline.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(50);
        foreach (var c in connections) await c.DisposeAsync();
        return latencies.Summarize();
    }

    /// <summary>One editor: its connection, its OT client, and the keystrokes typed since its last send.</summary>
    private sealed class Editor(DocumentSession session)
    {
        private readonly Lock _gate = new();
        private readonly OtClient _client = new(session.OpenedText, session.OpenedRevision, composeWaiting: true);
        private readonly List<long> _typed = [];

        public DocumentSession Session { get; } = session;
        public int Keystrokes { get; private set; }

        public bool Busy
        {
            get { lock (_gate) return _client.IsAwaitingAck || _client.WaitingCount > 0; }
        }

        public string Text
        {
            get { lock (_gate) return _client.Document.ToString(); }
        }

        public async Task Type(int seconds, Random random, ConcurrentDictionary<string, long[]> typedAt, ConcurrentQueue<Exception> failures)
        {
            using var tick = new PeriodicTimer(Keystroke);
            for (var n = 0; n < seconds * 10; n++)
            {
                await tick.WaitForNextTickAsync();
                OutgoingOperation? send;
                lock (_gate)
                {
                    var position = random.Next(_client.Document.Length + 1);
                    _typed.Add(Stopwatch.GetTimestamp());
                    Keystrokes++;
                    send = Stamped(_client.Edit(TextOperation.Insert(position, ((char)('a' + random.Next(26))).ToString())), typedAt);
                }
                if (send is { } op) Submit(op, failures);
            }
        }

        public async Task Receive(ConcurrentDictionary<string, long[]> typedAt, Latencies latencies, ConcurrentQueue<Exception> failures, CancellationToken stop)
        {
            try
            {
                while (true)
                {
                    var op = await Session.NextAsync(stop);
                    OutgoingOperation? send = null;
                    lock (_gate)
                    {
                        if (op.AuthorId == Session.MemberId && op.ClientOpId == _client.InFlightId)
                        {
                            send = Stamped(_client.ReceiveAck(), typedAt);
                        }
                        else
                        {
                            _client.ReceiveRemote(op.Op);
                            if (typedAt.TryGetValue(op.ClientOpId, out var stamps)) foreach (var at in stamps) latencies.Add(at);
                        }
                    }
                    if (send is { } next) Submit(next, failures);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The run is over.
            }
            catch (Exception ex)
            {
                failures.Enqueue(ex);
            }
        }

        /// <summary>The keystrokes typed since the last send travel in this operation: their times go with its id.</summary>
        private OutgoingOperation? Stamped(OutgoingOperation? send, ConcurrentDictionary<string, long[]> typedAt)
        {
            if (send is not { } op) return null;
            typedAt[op.ClientOpId] = [.. _typed];
            _typed.Clear();
            return op;
        }

        private void Submit(OutgoingOperation op, ConcurrentQueue<Exception> failures) =>
            _ = Session.SubmitAsync(op).ContinueWith(t => failures.Enqueue(t.Exception!), TaskContinuationOptions.OnlyOnFaulted);
    }
}
