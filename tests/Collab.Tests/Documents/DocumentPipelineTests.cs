using System.Text.Json;
using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Documents;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Members;
using Collab.Grains.Abstractions.Projects;
using Collab.Grains.Documents.Ot;
using Collab.Tests.Journal;
using Orleans.Core.Internal;

namespace Collab.Tests.Documents;

/// <summary>
/// Pipelined commits in the document grain: many operations in flight at once, committed in batches (one transaction
/// each), each acknowledged only after its batch is stored, and the text in memory always the stored one.
/// </summary>
[Collection(DocumentPipelineCollection.Name)]
public sealed class DocumentPipelineTests(DocumentPipelineFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private IGrainFactory Grains => fixture.Grains;
    private FaultyEventStore Store => fixture.Store;

    [Fact]
    public async Task Concurrent_submits_at_stale_revisions_get_distinct_consecutive_revisions_and_the_text_their_acks_describe()
    {
        const int perMember = 40;
        var (document, members) = await NewDocument(DocumentPipelineFixture.QueueBound);

        // Each member edits as its own OT client that never hears the others: it types one character after the one it
        // typed before, at the revision of its own last acknowledgement (whose operation says where that character
        // stood then). So most operations are stale, transformed over the others' edits and over the earlier ones of
        // their own batch, and typing order within each member is what a wrong transform would break.
        var acks = await Task.WhenAll(members.Select(async (member, m) =>
        {
            var mine = new List<DocumentAck>();
            var (known, position) = (0L, 0);
            for (var i = 0; i < perMember; i++)
            {
                var op = position == 0 ? $"[\"{Letter(m, i)}\"]" : $"[{position}, \"{Letter(m, i)}\"]";
                var ack = await document.Submit(member, new SubmitOperation(known, op, $"{member}-{i}"));
                mine.Add(ack);
                (known, position) = (ack.Revision, InsertPosition(ack.Op) + 1);
            }
            return mine;
        })).WaitAsync(Deadline);

        var inOrder = acks.SelectMany(a => a).OrderBy(a => a.Revision).ToList();
        Assert.Equal(Enumerable.Range(1, members.Count * perMember).Select(r => (long)r), inOrder.Select(a => a.Revision));
        var replayed = new TextDocument();
        foreach (var ack in inOrder) replayed.Apply(TextOperation.FromJson(ack.Op));
        var text = await document.Get(members[0]);
        Assert.Equal((inOrder.Count, replayed.ToString()), (text.Revision, text.Text));
        // Each member typed after its own previous character, so its characters stand in the order it typed them.
        for (var m = 0; m < members.Count; m++)
            Assert.Equal(Enumerable.Range(0, perMember).Select(i => Letter(m, i)), text.Text.Where(c => (c - Letter(0, 0)) / 1000 == m));

        await document.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        Assert.Equal(text, await document.Get(members[0]));
        Assert.Equal(text.Text, (await document.Open(members[1], 0)).Text);
    }

    [Fact]
    public async Task A_batch_whose_append_fails_fails_each_of_its_operations_and_leaves_the_last_stored_revision()
    {
        var (document, members) = await NewDocument(2);
        var (ana, ben) = (members[0], members[1]);
        await document.Submit(ana, new SubmitOperation(0, "[\"a\"]", "first"));
        var release = new TaskCompletionSource();
        var arrived = Store.HoldNextBatch(release.Task);
        var inFlight = document.Submit(ana, new SubmitOperation(1, "[1, \"b\"]", "in-flight"));
        await arrived.WaitAsync(Deadline);
        Store.NextAppend = FaultyEventStore.AppendFault.BeforeWrite;

        var (queued, refused) = await FillQueue(document, ben, 1, i => $"[\"q{i}\"]");
        release.SetResult();

        Assert.Equal(2, (await inFlight.WaitAsync(Deadline)).Revision);
        var failures = new List<IOException>();
        foreach (var (_, _, submit) in queued) failures.Add(await Assert.ThrowsAnyAsync<IOException>(() => submit.WaitAsync(Deadline)));
        Assert.Single(failures.Select(f => f.Message).Distinct());
        Assert.Equal(new DocumentText(document.GetPrimaryKeyString(), 2, "ab"), await document.Get(ana));
        var opened = await document.Open(ben, 1);
        Assert.Equal(2, opened.Revision);
        Assert.Equal([2L], opened.Ops.Select(e => e.Seq));
        Assert.Equal(CollabErrorKind.LimitExceeded, refused.Kind);

        var next = await document.Submit(ben, new SubmitOperation(1, "[\"c\"]", "after-the-failure"));
        Assert.Equal(3, next.Revision);
        Assert.Equal("cab", (await document.Get(ana)).Text);
    }

    [Fact]
    public async Task A_repeated_client_operation_id_while_queued_gets_the_first_acknowledgement_and_is_stored_once()
    {
        var (document, members) = await NewDocument(2);
        var (ana, ben) = (members[0], members[1]);
        var release = new TaskCompletionSource();
        var arrived = Store.HoldNextBatch(release.Task);
        var inFlight = document.Submit(ana, new SubmitOperation(0, "[\"a\"]", "in-flight"));
        await arrived.WaitAsync(Deadline);
        var (queued, _) = await FillQueue(document, ben, 0, i => $"[\"q{i}\"]");

        // The queue is full, so a repeat that were taken for a new operation would be refused; it joins its first instead.
        var repeats = queued.Select(q => q.Id).Select(id => document.Submit(ben, new SubmitOperation(0, "[\"repeat\"]", id))).ToList();
        // Sent after the repeats, refused once it reaches the full queue: by then the repeats have reached it too.
        var probe = await Assert.ThrowsAsync<CollabException>(() => document.Submit(ben, new SubmitOperation(0, "[\"probe\"]", "probe")).WaitAsync(Deadline));
        Assert.Equal(CollabErrorKind.LimitExceeded, probe.Kind);
        release.SetResult();

        await inFlight.WaitAsync(Deadline);
        var firsts = await Task.WhenAll(queued.Select(q => q.Submit)).WaitAsync(Deadline);
        Assert.Equal(firsts, await Task.WhenAll(repeats).WaitAsync(Deadline));
        var text = await document.Get(ana);
        Assert.Equal(1 + queued.Count, text.Revision);
        Assert.DoesNotContain("repeat", text.Text);
    }

    [Fact]
    public async Task An_invalid_operation_in_a_batch_fails_alone_and_the_others_are_applied()
    {
        var (document, members) = await NewDocument(2);
        var (ana, ben) = (members[0], members[1]);
        await document.Submit(ana, new SubmitOperation(0, "[\"abc\"]", "first"));
        var release = new TaskCompletionSource();
        var arrived = Store.HoldNextBatch(release.Task);
        var inFlight = document.Submit(ana, new SubmitOperation(1, "[3, \"d\"]", "in-flight"));
        await arrived.WaitAsync(Deadline);

        // Valid and invalid alternate, so whichever one the full queue refuses, the batch holds some of each.
        var (queued, _) = await FillQueue(document, ben, 1, i => i % 2 == 0 ? $"[\"v{i}\"]" : "[10, \"x\"]");
        release.SetResult();

        Assert.Equal(2, (await inFlight.WaitAsync(Deadline)).Revision);
        var valid = queued.Where(q => !q.Op.Contains("10")).ToList();
        var invalid = queued.Except(valid).ToList();
        Assert.NotEmpty(valid);
        Assert.NotEmpty(invalid);
        foreach (var (_, _, submit) in invalid)
            Assert.Equal(CollabErrorKind.Invalid, (await Assert.ThrowsAsync<CollabException>(() => submit.WaitAsync(Deadline))).Kind);
        var acks = await Task.WhenAll(valid.Select(q => q.Submit)).WaitAsync(Deadline);
        Assert.Equal(Enumerable.Range(3, valid.Count).Select(r => (long)r), acks.Select(a => a.Revision).Order());
        var text = await document.Get(ana);
        Assert.Equal(2 + valid.Count, text.Revision);
        Assert.All(valid, q => Assert.Contains(q.Op[2..^2], text.Text));
        Assert.DoesNotContain("x", text.Text);
    }

    [Fact]
    public async Task A_member_removed_while_their_edits_wait_in_the_queue_is_refused_when_the_batch_is_written()
    {
        var (document, members) = await NewDocument(2);
        var (ana, ben) = (members[0], members[1]);
        // Ben has edited already, so his later submits are queued without asking the circle first.
        await document.Submit(ben, new SubmitOperation(0, "[\"b\"]", "ben-first"));
        var release = new TaskCompletionSource();
        var arrived = Store.HoldNextBatch(release.Task);
        var inFlight = document.Submit(ana, new SubmitOperation(1, "[1, \"a\"]", "in-flight"));
        await arrived.WaitAsync(Deadline);
        var (queued, _) = await FillQueue(document, ben, 1, i => $"[\"q{i}\"]");

        await Grains.GetGrain<ICircleGrain>((await Grains.GetGrain<IProjectGrain>(document.GetPrimaryKeyString()).Get(ana)).CircleId)
            .RemoveMember(ana, ben, "Left the project", ban: false);
        release.SetResult();

        Assert.Equal(2, (await inFlight.WaitAsync(Deadline)).Revision);
        foreach (var (_, _, submit) in queued)
            Assert.Equal(CollabErrorKind.Forbidden, (await Assert.ThrowsAsync<CollabException>(() => submit.WaitAsync(Deadline))).Kind);
        Assert.Equal(new DocumentText(document.GetPrimaryKeyString(), 2, "ba"), await document.Get(ana));
        var refused = await Assert.ThrowsAsync<CollabException>(() => document.Submit(ben, new SubmitOperation(2, "[\"late\"]", "ben-late")));
        Assert.Equal(CollabErrorKind.Forbidden, refused.Kind);
    }

    /// <summary>Where the one insert of <paramref name="op"/> (<c>["x"]</c> or <c>[5, "x"]</c>) puts its text.</summary>
    private static int InsertPosition(string op)
    {
        using var json = JsonDocument.Parse(op);
        return json.RootElement[0].ValueKind == JsonValueKind.Number ? json.RootElement[0].GetInt32() : 0;
    }

    /// <summary>A character of its own for each operation of each member, all in the BMP's CJK block (one code point each).</summary>
    private static char Letter(int member, int index) => (char)(0x4E00 + member * 1000 + index);

    /// <summary>
    /// While a batch is held in flight, submits one more operation than the queue holds: exactly one is refused, so
    /// when that refusal arrives the others are all queued, waiting for the next batch.
    /// </summary>
    private static async Task<(List<(string Id, string Op, Task<DocumentAck> Submit)> Queued, CollabException Refused)> FillQueue(
        IDocumentGrain document, string member, long baseRevision, Func<int, string> op)
    {
        var submits = Enumerable.Range(0, DocumentPipelineFixture.QueueBound + 1)
            .Select(i => (Id: $"queued-{i}", Op: op(i), Submit: document.Submit(member, new SubmitOperation(baseRevision, op(i), $"queued-{i}"))))
            .ToList();
        var first = await Task.WhenAny(submits.Select(s => s.Submit)).WaitAsync(Deadline);
        var refused = await Assert.ThrowsAsync<CollabException>(() => first);
        return (submits.Where(s => s.Submit != first).ToList(), refused);
    }

    private async Task<(IDocumentGrain Document, List<string> Members)> NewDocument(int members)
    {
        var ids = new List<string>();
        for (var i = 0; i < members; i++) ids.Add((await Grains.GetGrain<IHandleGrain>($"m{Guid.NewGuid():N}"[..20]).RegisterOrGet($"Member {i}")).Id);
        var circleId = $"c-{Guid.NewGuid():N}"[..18];
        await Grains.GetGrain<ICircleGrain>(circleId).Create(ids[0], new CreateCircle("Pipelined edits", "", CircleVisibility.Open));
        foreach (var member in ids.Skip(1)) await Grains.GetGrain<ICircleGrain>(circleId).Join(member);
        var projectId = $"p-{Guid.NewGuid():N}"[..18];
        await Grains.GetGrain<IProjectGrain>(projectId).Create(ids[0], new CreateProject(circleId, "Shared notes", null, null, null));
        return (Grains.GetGrain<IDocumentGrain>(projectId), ids);
    }
}
