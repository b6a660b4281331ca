using System.Diagnostics;
using Collab.Grains.Documents.Ot;
using Collab.Replay.Editing;
using Collab.Replay.Traces;

namespace Collab.Replay.Replay;

/// <summary>
/// Replays an editing trace through a running Collab server's hub: a fresh circle, project and member per agent,
/// one hub connection per agent (a concurrent trace runs its <see cref="DeliverySchedule"/>), then every client's
/// text and the server's are compared with the trace's end.
/// </summary>
public static class TraceReplayer
{
    // Larger start texts are sent in pieces, well under the server's per-operation insert cap.
    private const int SeedChunkCodePoints = 50_000;

    /// <param name="composeWaiting">
    /// Sequential traces only: compose the edits made while an operation is in flight (as an editor does) instead
    /// of sending each edit as its own operation and waiting for it.
    /// </param>
    public static async Task<ReplayReport> RunAsync(Uri server, EditingTrace trace, bool composeWaiting = true, CancellationToken cancellationToken = default)
    {
        // Planned first: a concurrent trace that no server order can replay is refused before the server is touched.
        var schedule = trace.IsConcurrent ? DeliverySchedule.Plan(trace) : null;
        var workspace = await ReplayWorkspace.CreateAsync(server, trace.NumAgents, cancellationToken);
        var seedOps = await Seed(server, workspace, trace.StartContent, cancellationToken);
        var sessions = new List<DocumentSession>();
        try
        {
            foreach (var member in workspace.Members)
                sessions.Add(await DocumentSession.OpenAsync(server, member.Token, member.MemberId, workspace.DocumentId, cancellationToken));

            var clock = Stopwatch.StartNew();
            IReadOnlyList<OtClient> clients;
            int operations, mostWaiting;
            if (schedule is not null)
            {
                var replay = await ConcurrentHubReplay.RunAsync(schedule, sessions, cancellationToken);
                (clients, operations, mostWaiting) = (replay.Clients, replay.Submitted, replay.MostWaiting);
            }
            else
            {
                var replay = await SequentialHubReplay.RunAsync(trace, sessions[0], composeWaiting, cancellationToken);
                (clients, operations, mostWaiting) = ([replay.Client], replay.Submitted, 0);
            }
            clock.Stop();

            var (revision, text) = await workspace.ReadDocumentAsync(server, cancellationToken);
            return new ReplayReport(trace.EndContent, trace.IsConcurrent, trace.NumAgents, trace.PatchCount, operations, clock.Elapsed,
                [.. clients.Select(c => c.Document.ToString())], text, revision, seedOps + operations, mostWaiting,
                sessions.Sum(s => s.GapsFilled), sessions.Sum(s => s.RateLimitRetries));
        }
        finally
        {
            foreach (var session in sessions) await session.DisposeAsync();
        }
    }

    /// <summary>Puts a trace's start content in the document before the agents open it; returns the operations it took.</summary>
    private static async Task<int> Seed(Uri server, ReplayWorkspace workspace, string startContent, CancellationToken cancellationToken)
    {
        if (startContent.Length == 0) return 0;
        var member = workspace.Members[0];
        await using var session = await DocumentSession.OpenAsync(server, member.Token, member.MemberId, workspace.DocumentId, cancellationToken);
        var client = new OtClient(session.OpenedText, session.OpenedRevision);
        var length = CodePointText.Count(startContent);
        var operations = 0;
        for (var at = 0; at < length; at += SeedChunkCodePoints)
        {
            var piece = CodePointText.Slice(startContent, at, Math.Min(SeedChunkCodePoints, length - at));
            await session.SubmitAsync(client.Edit(TextOperation.Insert(at, piece))!.Value, cancellationToken);
            await session.NextAsync(cancellationToken);
            client.ReceiveAck();
            operations++;
        }
        return operations;
    }
}
