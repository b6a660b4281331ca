using System.Diagnostics;
using Collab.Bench.Hosting;
using Collab.Bench.Measuring;
using Collab.Grains.Abstractions.Threads;
using Microsoft.Data.Sqlite;

namespace Collab.Bench.Scenarios;

/// <summary>
/// Comment appends per second in single-node mode (SQLite): 20 writers, each posting into its own thread
/// through the thread grain. Baseline: bare SQLite in the same run, one INSERT of a row of the same size per
/// transaction, with the pragmas Collab uses (WAL, synchronous = NORMAL).
/// </summary>
public static class AppendsScenario
{
    private const int Threads = 20;

    public static async Task Run(BenchServer collab, Report report, bool quick)
    {
        var total = quick ? 1_000 : 20_000;
        var perThread = total / Threads;
        report.Line($"appends: {Threads} writers, each into its own thread, {total:N0} comments");
        var owner = await collab.SignInAsync("appends-owner");
        var circleId = (await collab.PostAsync(owner, "/api/circles", new { name = "Bench appends" })).GetProperty("id").GetString()!;
        var threadIds = new List<string>();
        for (var t = 0; t < Threads; t++)
            threadIds.Add((await collab.PostAsync(owner, $"/api/circles/{circleId}/threads", new { title = $"T{t}" })).GetProperty("id").GetString()!);
        var text = new string('x', 120);

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(threadIds.Select(async id =>
        {
            var thread = collab.Grains.GetGrain<IThreadGrain>(id);
            for (var i = 0; i < perThread; i++) await thread.Post(owner.Id, new PostComment(text, null, null));
        }));
        clock.Stop();
        var collabRate = perThread * Threads / clock.Elapsed.TotalSeconds;

        var path = Path.Combine(collab.DataFolder, "baseline.db");
        await using var db = new SqliteConnection($"Data Source={path}");
        await db.OpenAsync();
        await using (var setup = db.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE events (scope TEXT, seq INTEGER, kind TEXT, payload TEXT, PRIMARY KEY (scope, seq));";
            await setup.ExecuteNonQueryAsync();
        }
        var baseline = Stopwatch.StartNew();
        for (var i = 0; i < perThread * Threads; i++)
        {
            await using var tx = await db.BeginTransactionAsync();
            await using var insert = db.CreateCommand();
            insert.CommandText = "INSERT INTO events VALUES ($s, $n, 'comment.posted', $p)";
            insert.Parameters.AddWithValue("$s", $"thread:{i % Threads}");
            insert.Parameters.AddWithValue("$n", i);
            insert.Parameters.AddWithValue("$p", $"{{\"text\":\"{text}\"}}");
            await insert.ExecuteNonQueryAsync();
            await tx.CommitAsync();
        }
        baseline.Stop();
        var bareRate = perThread * Threads / baseline.Elapsed.TotalSeconds;
        report.Figure("appends", $"single node (SQLite), {total:N0} comments", $"{collabRate:N0}/s", $"{bareRate:N0}/s (bare SQLite inserts)", collabRate / bareRate);
    }
}
