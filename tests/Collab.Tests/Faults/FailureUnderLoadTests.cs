using Collab.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Collab.Tests.Faults;

/// <summary>
/// Runs alone: a local cluster of five processes under 200 live clients needs the machine to itself to say anything
/// about recovery, and other tests' load would only blur the figures.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FailuresUnderLoadCollection
{
    public const string Name = "Failures under load";
}

/// <summary>
/// The local cluster (PostgreSQL, two silo processes, two web nodes in client mode) under steady comment traffic from
/// 200 real SignalR clients, while one part of it fails the hard way. Whatever fails, every comment acknowledged to
/// its sender is stored once, at the seq it was acknowledged with, every thread's log stays gap-free, and every client
/// ends up with every comment of its thread once, live or through its resync by seq. Each test prints sent,
/// acknowledged, stored and delivered counts and the recovery time, which is measured, never bounded: the machine is
/// shared.
/// </summary>
[Collection(FailuresUnderLoadCollection.Name)]
public sealed class FailureUnderLoadTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Acknowledged comments before the fault: every thread busy, every grain active, on both silos.</summary>
    private const int BeforeFault = 400;

    /// <summary>Acknowledged comments after the fault before the load stops: recovery and then steady service again.</summary>
    private const int AfterFault = 800;

    /// <summary>Failed attempts, the database down, before it starts again: the outage is seen by many clients.</summary>
    private const int FailuresDuringOutage = 150;

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private readonly PostgresServer _server = new();

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task A_silo_killed_under_load_loses_no_acknowledged_comment_and_service_comes_back()
    {
        await using var cluster = await LocalCluster.StartAsync(_server, "fault-silo");
        await using var load = await StartLoadAsync(cluster);

        cluster.Silos[1].Kill();
        var faultAt = load.Ledger.Now;
        var outcome = await FinishAsync(cluster, load, faultAt, "silo 1 killed (SIGKILL)");

        AssertNothingLost(outcome, cluster);
        Assert.NotNull(outcome.Recovery);
    }

    [Fact]
    public async Task A_database_restart_under_load_is_answered_Unavailable_and_loses_no_acknowledged_comment()
    {
        await using var cluster = await LocalCluster.StartAsync(_server, "fault-postgres");
        await using var load = await StartLoadAsync(cluster);

        var failuresBefore = load.Ledger.FailureCount;
        await _server.StopAsync();
        var faultAt = load.Ledger.Now;
        await load.Ledger.Until(l => l.FailureCount >= failuresBefore + FailuresDuringOutage, Patience);
        await _server.StartAgainAsync();
        var restartAt = load.Ledger.Now;
        var outcome = await FinishAsync(cluster, load, faultAt, "PostgreSQL stopped and started again");
        output.WriteLine($"  database down for {(restartAt - faultAt).TotalSeconds:F1} s; service back {(outcome.Recovery - (restartAt - faultAt))?.TotalSeconds:F1} s after the restart");

        AssertNothingLost(outcome, cluster);
        Assert.NotNull(outcome.Recovery);
        // Refused with the one clear answer, which tells the client to retry: never an unexplained failure.
        Assert.Equal(["Unavailable"], outcome.FailureKinds.Keys);
    }

    [Fact]
    public async Task A_web_node_killed_under_load_sends_its_clients_to_the_other_node_where_they_resync_without_loss_or_duplicate()
    {
        await using var cluster = await LocalCluster.StartAsync(_server, "fault-web");
        await using var load = await StartLoadAsync(cluster);

        cluster.WebNodes[1].Kill();
        var faultAt = load.Ledger.Now;
        var outcome = await FinishAsync(cluster, load, faultAt, "web node 1 killed (SIGKILL)");

        AssertNothingLost(outcome, cluster);
        Assert.NotNull(outcome.Recovery);
        Assert.All(load.Clients.Where(c => c.FirstNode == 1), c => Assert.True(c.Reconnections >= 1, $"client {c.Index} never reconnected"));
    }

    private static async Task<CommentLoad> StartLoadAsync(LocalCluster cluster)
    {
        var load = await CommentLoad.PrepareAsync(cluster);
        load.Start();
        await load.Ledger.Until(l => l.AcknowledgedCount >= BeforeFault, Patience);
        return load;
    }

    /// <summary>Keeps the load on until enough comments were acknowledged after the fault, stops it, and compares with what was stored.</summary>
    private async Task<LoadOutcome> FinishAsync(LocalCluster cluster, CommentLoad load, TimeSpan faultAt, string fault)
    {
        var acknowledgedAtFault = load.Ledger.AcknowledgedCount;
        try
        {
            await load.Ledger.Until(l => l.AcknowledgedCount >= acknowledgedAtFault + AfterFault, Patience);
            await load.StopAsync();
        }
        catch (Exception)
        {
            output.WriteLine($"{fault}: the load did not finish; {load.Ledger.AcknowledgedCount} acknowledged of {load.Ledger.SentCount} sent");
            output.WriteLine(cluster.OutputTails());
            throw;
        }
        var outcome = await LoadOutcome.MeasureAsync(load, cluster.ConnectionString, faultAt);
        outcome.Print(output, fault);
        return outcome;
    }

    private void AssertNothingLost(LoadOutcome outcome, LocalCluster cluster)
    {
        if (outcome.Gaps.Count + outcome.StoredTwice.Count + outcome.AcknowledgedNotStored.Count + outcome.StoredNotSent.Count + outcome.NotDelivered.Count > 0)
            output.WriteLine(cluster.OutputTails());
        Assert.Empty(outcome.Gaps);
        Assert.Empty(outcome.StoredTwice);
        Assert.Empty(outcome.AcknowledgedNotStored);
        Assert.Empty(outcome.StoredNotSent);
        Assert.Equal(outcome.Sent, outcome.Acknowledged);
        Assert.Equal(outcome.Acknowledged, outcome.Stored);
        Assert.Empty(outcome.NotDelivered);
        Assert.Equal(outcome.DeliveriesExpected, outcome.Delivered);
    }
}
