using System.Threading.Channels;
using Collab.Grains.Abstractions.Live;
using Collab.Tests.Infrastructure;

namespace Collab.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class PresenceGrainTests(GrainClusterFixture fixture)
{
    private sealed class PresenceListener : IScopeObserver
    {
        public Channel<PresenceSnapshot> Snapshots { get; } = Channel.CreateUnbounded<PresenceSnapshot>();
        public Task OnEvent(ScopeEvent scopeEvent) => Task.CompletedTask;
        public Task OnPresence(PresenceSnapshot presence) => Snapshots.Writer.WriteAsync(presence).AsTask();
        public Task OnCursor(CursorUpdate cursor) => Task.CompletedTask;
        public Task OnActivity(Collab.Grains.Abstractions.Activity.ActivitySnapshot activity) => Task.CompletedTask;
        public Task OnThreadActivity(Collab.Grains.Abstractions.Threads.ThreadActivity activity) => Task.CompletedTask;
    }

    private static PresenceEntry Entry(string connection, string member) => new(connection, member, member, PresenceActivity.Viewing, "thread:t");

    [Fact]
    public async Task A_web_node_that_stops_reporting_has_its_people_removed_and_others_stay()
    {
        var scope = $"circle:{Guid.NewGuid():N}";
        var listener = new PresenceListener();
        var reference = fixture.Grains.CreateObjectReference<IScopeObserver>(listener);
        await fixture.Grains.GetGrain<IScopeFeedGrain>(scope).Subscribe(reference);
        var presence = fixture.Grains.GetGrain<IPresenceGrain>(scope);

        await presence.Report("node-dies", [Entry("c1", "ana")]);
        await presence.Report("node-lives", [Entry("c2", "ben")]);
        // Entries expire after 3 s here; the deadline is only a timeout, generous for a loaded machine.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // Only the living node keeps reporting (its heartbeat); the other went silent after its first report.
        var heartbeat = Task.Run(async () =>
        {
            while (!timeout.IsCancellationRequested)
            {
                await presence.Report("node-lives", [Entry("c2", "ben")]);
                await Task.Delay(500, timeout.Token).ContinueWith(_ => { });
            }
        });
        PresenceSnapshot snapshot;
        do snapshot = await listener.Snapshots.Reader.ReadAsync(timeout.Token);
        while (snapshot.Entries.Any(e => e.MemberId == "ana"));
        await timeout.CancelAsync();
        await heartbeat;

        Assert.Equal(["ben"], snapshot.Entries.Select(e => e.MemberId));
        Assert.Equal(["ben"], (await presence.Get()).Entries.Select(e => e.MemberId));
    }

    [Fact]
    public async Task A_node_reporting_nobody_clears_its_entries_at_once()
    {
        var presence = fixture.Grains.GetGrain<IPresenceGrain>($"thread:{Guid.NewGuid():N}");

        await presence.Report("node", [Entry("c1", "ana"), Entry("c2", "ana")]);
        var before = await presence.Get();
        await presence.Report("node", []);

        Assert.Equal(2, before.Entries.Count);
        Assert.Empty((await presence.Get()).Entries);
    }

    [Fact]
    public async Task Changes_after_a_full_report_add_update_and_remove_entries()
    {
        var presence = fixture.Grains.GetGrain<IPresenceGrain>($"thread:{Guid.NewGuid():N}");
        await presence.Report("node", [Entry("c1", "ana")]);

        var added = await presence.ReportChanges("node", new PresenceChanges(0, [Entry("c2", "ben"), Entry("c1", "ana") with { Activity = PresenceActivity.Typing }], []));
        var afterAdding = await presence.Get();
        var removed = await presence.ReportChanges("node", new PresenceChanges(1, [], [new PresenceKey("c1", "thread:t")]));
        var heartbeat = await presence.ReportChanges("node", new PresenceChanges(2, [], []));

        Assert.True(added && removed && heartbeat);
        Assert.Equal([("ana", PresenceActivity.Typing), ("ben", PresenceActivity.Viewing)], afterAdding.Entries.Select(e => (e.MemberId, e.Activity)));
        Assert.Equal(["ben"], (await presence.Get()).Entries.Select(e => e.MemberId));
    }

    [Fact]
    public async Task Changes_based_on_a_report_the_grain_does_not_hold_are_refused_and_change_nothing()
    {
        var presence = fixture.Grains.GetGrain<IPresenceGrain>($"thread:{Guid.NewGuid():N}");
        await presence.Report("node", [Entry("c1", "ana")]);

        // A node the grain never heard of (it restarted, or dropped the node as silent), and a version it skipped.
        var unknownNode = await presence.ReportChanges("other-node", new PresenceChanges(0, [Entry("c2", "ben")], []));
        var skipped = await presence.ReportChanges("node", new PresenceChanges(3, [Entry("c3", "cleo")], [new PresenceKey("c1", "thread:t")]));
        var stillFirst = await presence.ReportChanges("node", new PresenceChanges(0, [], []));

        Assert.False(unknownNode);
        Assert.False(skipped);
        Assert.True(stillFirst);
        Assert.Equal(["ana"], (await presence.Get()).Entries.Select(e => e.MemberId));
    }
}
