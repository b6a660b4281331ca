using System.Diagnostics;
using Collab.Bench.Hosting;
using Collab.Bench.Measuring;
using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Threads;
using Microsoft.Data.Sqlite;

namespace Collab.Bench.Scenarios;

/// <summary>
/// A big circle: N members join one circle through its grain; then role checks of random members (the check behind
/// every comment, operation and read); the bytes SQLite writes per join in a circle of 10 and of N members; and
/// comment throughput in one busy circle, 200 writers in 20 threads. Baselines in the same run, on SQLite with
/// the same pragmas: a one-row INSERT transaction per join or comment, a primary-key SELECT per role check, and the
/// bytes of such an insert at the same table sizes.
/// </summary>
public static class BigCircleScenario
{
    private const int CostJoins = 100;
    private const int Threads = 20;
    private const int WritersPerThread = 10;
    private const int Parallelism = 64;

    public static async Task Run(BenchServer collab, Report report, bool quick, int? members)
    {
        var n = members ?? (quick ? 2_000 : 100_000);
        var checks = quick ? 5_000 : 50_000;
        var commentsPerWriter = quick ? 2 : 10;
        report.Line($"big circle: {n:N0} members join one circle; {checks:N0} role checks; {Threads * WritersPerThread} writers in {Threads} threads, {commentsPerWriter} comments each");
        var owner = await collab.SignInAsync("big-owner");
        var circleId = (await collab.PostAsync(owner, "/api/circles", new { name = "Bench big circle" })).GetProperty("id").GetString()!;
        var circle = collab.Grains.GetGrain<ICircleGrain>(circleId);
        var bare = await BareTable(collab.DataFolder);

        var joins = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
            async (i, _) => await circle.Join(MemberId(i)));
        var joinRate = n / joins.Elapsed.TotalSeconds;
        var bareJoins = Stopwatch.StartNew();
        for (var i = 0; i < n; i++) await BareInsert(bare, "big", MemberId(i));
        report.Figure("big circle", $"joins/s into one circle, {n:N0} members", $"{joinRate:N0}/s", $"{n / bareJoins.Elapsed.TotalSeconds:N0}/s (bare one-row transactions)", joinRate / (n / bareJoins.Elapsed.TotalSeconds));

        var random = new Random(7);
        var picks = Enumerable.Range(0, checks).Select(_ => MemberId(random.Next(n))).ToArray();
        var roleClock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(picks, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (m, _) =>
        {
            if (await circle.RoleOf(m) != CircleRole.Member) throw new InvalidOperationException($"big circle: {m} is not a member.");
        });
        var roleRate = checks / roleClock.Elapsed.TotalSeconds;
        var bareRoleClock = Stopwatch.StartNew();
        foreach (var m in picks) await BareSelect(bare, "big", m);
        var bareRoleRate = checks / bareRoleClock.Elapsed.TotalSeconds;
        report.Figure("big circle", $"role checks/s, random members of {n:N0}", $"{roleRate:N0}/s", $"{bareRoleRate:N0}/s (bare primary-key SELECT)", roleRate / bareRoleRate);

        await JoinBytes(collab, owner, circle, n, bare, report);
        await BusyCircle(collab, owner, circleId, circle, commentsPerWriter, bare, report);
        await bare.DisposeAsync();
    }

    private static async Task JoinBytes(BenchServer collab, BenchServer.Member owner, ICircleGrain big, int n, SqliteConnection bare, Report report)
    {
        var small = collab.Grains.GetGrain<ICircleGrain>((await collab.PostAsync(owner, "/api/circles", new { name = "Bench small circle" })).GetProperty("id").GetString()!);
        for (var i = 0; i < 10; i++) await small.Join($"m-small-{i}");
        var collabPath = Path.Combine(collab.DataFolder, "collab.db");
        var barePath = Path.Combine(collab.DataFolder, "big-baseline.db");
        foreach (var (circle, size, name) in new[] { (small, 10, "small"), (big, n, "big") })
        {
            for (var i = 0; i < size && name == "small"; i++) await BareInsert(bare, name, $"m-small-{i}");
            var collabBytes = await WalBytes.Sqlite(collabPath, async () =>
            {
                for (var i = 0; i < CostJoins; i++) await circle.Join($"m-cost-{name}-{i}");
            });
            var bareBytes = await WalBytes.Sqlite(barePath, async () =>
            {
                for (var i = 0; i < CostJoins; i++) await BareInsert(bare, name, $"m-cost-{name}-{i}");
            });
            report.Figure("big circle", $"SQLite bytes written per join at {size:N0} members", $"{collabBytes / CostJoins:N0} B", $"{bareBytes / CostJoins:N0} B (bare row)", (double)collabBytes / bareBytes);
        }
    }

    private static async Task BusyCircle(BenchServer collab, BenchServer.Member owner, string circleId, ICircleGrain circle, int commentsPerWriter, SqliteConnection bare, Report report)
    {
        // The default policy allows 10 comments per 30 s per member; the benchmark measures storage and grains, not that limit (the most a policy allows: 1,000 a second).
        await circle.SetPolicy(owner.Id, new CirclePolicy(1_000, TimeSpan.FromSeconds(1), 0));
        var threads = new List<IThreadGrain>();
        for (var t = 0; t < Threads; t++)
            threads.Add(collab.Grains.GetGrain<IThreadGrain>((await collab.PostAsync(owner, $"/api/circles/{circleId}/threads", new { title = $"Busy {t}" })).GetProperty("id").GetString()!));
        var total = Threads * WritersPerThread * commentsPerWriter;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Threads * WritersPerThread).Select(async w =>
        {
            var thread = threads[w % Threads];
            for (var i = 0; i < commentsPerWriter; i++) await thread.Post(MemberId(w), new PostComment($"Writer {w} says {i}", null, null));
        }));
        var rate = total / clock.Elapsed.TotalSeconds;
        var bareClock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++) await BareInsert(bare, "comments", $"c-{i}");
        var bareRate = total / bareClock.Elapsed.TotalSeconds;
        report.Figure("big circle", $"comments/s, {Threads * WritersPerThread} writers in {Threads} threads of one circle", $"{rate:N0}/s", $"{bareRate:N0}/s (bare one-row transactions)", rate / bareRate);
    }

    private static string MemberId(int i) => $"m-big-{i}";

    private static async Task<SqliteConnection> BareTable(string folder)
    {
        var path = Path.Combine(folder, "big-baseline.db");
        await WalBytes.SqliteExecute(path, "PRAGMA journal_mode = WAL; CREATE TABLE rows (scope TEXT, key TEXT, payload TEXT, PRIMARY KEY (scope, key));");
        var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = NORMAL;";
        await pragma.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task BareInsert(SqliteConnection db, string scope, string key)
    {
        await using var tx = await db.BeginTransactionAsync();
        await using var insert = db.CreateCommand();
        insert.CommandText = "INSERT INTO rows VALUES ($s, $k, $p)";
        insert.Parameters.AddWithValue("$s", scope);
        insert.Parameters.AddWithValue("$k", key);
        insert.Parameters.AddWithValue("$p", $"{{\"memberId\":\"{key}\",\"role\":\"Member\",\"joinedAt\":0}}");
        await insert.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }

    private static async Task BareSelect(SqliteConnection db, string scope, string key)
    {
        await using var select = db.CreateCommand();
        select.CommandText = "SELECT payload FROM rows WHERE scope = $s AND key = $k";
        select.Parameters.AddWithValue("$s", scope);
        select.Parameters.AddWithValue("$k", key);
        if (await select.ExecuteScalarAsync() is null) throw new InvalidOperationException($"big circle: bare row {key} missing.");
    }
}
