using Collab.Grains.Abstractions.Circles;
using Collab.Hosting.Storage.Sqlite;
using Collab.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace Collab.Tests.Storage;

/// <summary>
/// A join costs the same storage work in a circle of 10 and in a circle of 100,000: members are rows written with
/// their event, never one blob rewritten per join. Measured as the append-cost tests measure, in write-ahead-log
/// bytes of the real grain's joins, not in time.
/// </summary>
public sealed class SqliteJoinCostTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int BigCircle = 100_000;

    private readonly TempFolder _folder = new();
    private TestCluster _cluster = null!;

    private string DatabasePath => _folder.File("joins.db");

    public async Task InitializeAsync()
    {
        var builder = SqliteTestCluster.Builder(1, DatabasePath, "joins");
        builder.AddSiloBuilderConfigurator<SqliteSiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    [Fact]
    public async Task Joining_a_circle_of_100000_writes_about_what_joining_a_circle_of_10_writes()
    {
        var grains = _cluster.Client;
        var small = await JoinCost.SmallCircle(grains);
        var database = new SqliteDatabase(DatabasePath);
        await SqliteWal.Execute(database, JoinCost.FillSql("c-big", BigCircle, postgres: false));
        var big = grains.GetGrain<ICircleGrain>("c-big");

        var smallBytes = await SqliteWal.BytesWrittenBy(database, () => JoinCost.JoinTen(small, "m-late-small"));
        var bigBytes = await SqliteWal.BytesWrittenBy(database, () => JoinCost.JoinTen(big, "m-late-big"));

        output.WriteLine($"WAL bytes for 10 joins: at 10 members: {smallBytes}, at 100,000 members: {bigBytes}");
        Assert.Equal((20, BigCircle + 10), ((await small.Get("m-owner")).MemberCount, (await big.Get("m-owner")).MemberCount));
        Assert.Equal(CircleRole.Member, await big.RoleOf("m-late-big-9"));
        Assert.True(smallBytes > 0);
        Assert.InRange(bigBytes, smallBytes / 2, smallBytes * 3 / 2);
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
