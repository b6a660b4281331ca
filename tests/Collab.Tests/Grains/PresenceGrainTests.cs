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
}
