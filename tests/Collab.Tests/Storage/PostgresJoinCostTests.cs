using Collab.Grains.Abstractions.Circles;
using Collab.Tests.Infrastructure;
using Npgsql;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace Collab.Tests.Storage;

/// <summary>
/// A join costs the same storage work in a circle of 10 and in a circle of 100,000 on PostgreSQL: measured as the
/// growth of its write-ahead log over ten joins through the real circle grain, not in time.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresJoinCostTests(PostgresServer server, ITestOutputHelper output)
{
    private const int BigCircle = 100_000;

    [Fact]
    public async Task Joining_a_circle_of_100000_writes_about_what_joining_a_circle_of_10_writes()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var builder = new TestClusterBuilder(1);
        builder.Options.ClusterId = $"joins-{Guid.NewGuid():N}";
        builder.Properties["Collab:Storage:Mode"] = "Postgres";
        builder.Properties["Collab:Storage:PostgresConnectionString"] = connectionString;
        builder.Properties["Collab:Demo:Seed"] = "false";
        builder.AddSiloBuilderConfigurator<SqliteSiloConfigurator>();
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        await using var db = NpgsqlDataSource.Create(connectionString);
        try
        {
            var small = await JoinCost.SmallCircle(cluster.Client);
            await PostgresWal.Execute(db, JoinCost.FillSql("c-big", BigCircle, postgres: true));
            // Background work would show up in the log: vacuum now, and keep autovacuum off these tables meanwhile.
            foreach (var table in new[] { "collab_events", "collab_rows", "collab_snapshots" })
                await PostgresWal.Execute(db, $"VACUUM ANALYZE {table}; ALTER TABLE {table} SET (autovacuum_enabled = false);");
            var big = cluster.Client.GetGrain<ICircleGrain>("c-big");

            var smallWal = await PostgresWal.BytesWrittenBy(db, () => JoinCost.JoinTen(small, "m-late-small"));
            var bigWal = await PostgresWal.BytesWrittenBy(db, () => JoinCost.JoinTen(big, "m-late-big"));

            output.WriteLine($"WAL bytes for 10 joins: at 10 members: {smallWal}, at 100,000 members: {bigWal}");
            Assert.Equal((20, BigCircle + 10), ((await small.Get("m-owner")).MemberCount, (await big.Get("m-owner")).MemberCount));
            Assert.True(smallWal > 0);
            Assert.InRange(bigWal, smallWal / 2, smallWal * 3 / 2);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
        }
    }
}
