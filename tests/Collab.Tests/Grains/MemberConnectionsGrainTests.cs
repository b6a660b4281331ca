using Collab.Grains.Abstractions.Live;
using Collab.Tests.Infrastructure;

namespace Collab.Tests.Grains;

[Collection(GrainClusterCollection.Name)]
public sealed class MemberConnectionsGrainTests(GrainClusterFixture fixture)
{
    private IMemberConnectionsGrain NewMember() => fixture.Grains.GetGrain<IMemberConnectionsGrain>($"m-{Guid.NewGuid():N}");

    [Fact]
    public async Task Connections_on_every_node_count_against_the_limit_and_a_closed_one_frees_its_place()
    {
        var member = NewMember();

        var admitted = new[] { await member.Open("node-a", 3), await member.Open("node-b", 3), await member.Open("node-a", 3) };
        var fourth = await member.Open("node-b", 3);
        await member.Close("node-a");
        var afterClose = await member.Open("node-b", 3);

        Assert.All(admitted, Assert.True);
        Assert.False(fourth);
        Assert.True(afterClose);
        Assert.Equal(3, await member.Count());
    }

    [Fact]
    public async Task A_node_that_stops_reporting_no_longer_counts_while_one_that_reports_still_does()
    {
        var member = NewMember();
        Assert.True(await member.Open("node-dies", 2));
        Assert.True(await member.Open("node-lives", 2));
        Assert.False(await member.Open("node-lives", 2));

        // Only the living node keeps its heartbeat; the presence timeout of the test cluster is 3 s.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!await member.Open("node-lives", 2))
        {
            await member.Report("node-lives", 1);
            await Task.Delay(TimeSpan.FromMilliseconds(250), timeout.Token);
        }

        Assert.Equal(2, await member.Count());
    }

    [Fact]
    public async Task A_heartbeat_replaces_what_its_node_reported_before()
    {
        var member = NewMember();
        Assert.True(await member.Open("node", 2));
        Assert.True(await member.Open("node", 2));

        await member.Report("node", 1);
        var afterReport = await member.Open("node", 2);
        await member.Report("node", 0);

        Assert.True(afterReport);
        Assert.Equal(0, await member.Count());
    }
}
