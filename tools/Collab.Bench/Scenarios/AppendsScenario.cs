using System.Diagnostics;
using Collab.Bench.Hosting;
using Collab.Bench.Measuring;
using Collab.Grains.Abstractions.Threads;
using Collab.Grains.Storage;
using Collab.Hosting.Storage.Postgres;
using Collab.Hosting.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Collab.Bench.Scenarios;

/// <summary>
/// Comment appends in single-node mode (SQLite) and in PostgreSQL mode: appends per second with 20 writers, each
/// posting into its own thread through the thread grain, and the bytes the database writes per append when the
/// thread already holds 10, 1,000 and 100,000 comments (10,000 at the quick size) (what the event store writes for one comment: its event row
/// and its comment row). Baselines in the same run, on the same database engine and settings: one-row INSERT
/// transactions into a bare (scope, seq) table (SQLite: one writer, as SQLite has one; PostgreSQL: 20 writers, as
/// Collab's), and the bytes such an insert writes at the same table lengths.
/// </summary>
public static class AppendsScenario
{
    private const int Writers = 20;
    private const int CostAppends = 100;
    private static readonly string Text = new('x', 120);

    public static async Task Run(BenchServer collab, Report report, bool quick)
    {
        var total = quick ? 1_000 : 20_000;
        var warmUp = TimeSpan.FromSeconds(quick ? 1 : 10);
        int[] lengths = [10, 1_000, quick ? 10_000 : 100_000];
        report.Line($"appends: {Writers} writers, each into its own thread, {total:N0} comments; bytes per append over {CostAppends} appends");
        report.Line($"  process before: {ProcessState()}");

        var collabRate = await ThroughGrains(collab, total, "sqlite", warmUp);
        var bareRate = await BareSqliteRate(Path.Combine(collab.DataFolder, "baseline.db"), total);
        report.Figure("appends", $"SQLite, {total:N0} comments", $"{collabRate:N0}/s", $"{bareRate:N0}/s (bare SQLite one-row transactions)", collabRate / bareRate);
        var storeRate = await StoreOnlyRate(Path.Combine(collab.DataFolder, "store-only.db"), total);
        report.Figure("appends", $"SQLite event store alone, {Writers} writers, {total:N0} comments", $"{storeRate:N0}/s", $"{bareRate:N0}/s (bare SQLite one-row transactions)", storeRate / bareRate);
        report.Line($"  process after SQLite: {ProcessState()}");
        await SqliteBytes(collab.DataFolder, lengths, report);

        await using var postgres = await BenchPostgres.StartAsync(report.Line);
        if (postgres is null) return;
        var collabDb = await postgres.CreateDatabaseAsync("collab_bench");
        double pgRate;
        await using (var server = await BenchServer.StartAsync(collabDb)) pgRate = await ThroughGrains(server, total, "postgres", warmUp);
        var bareDb = await postgres.CreateDatabaseAsync("bare_bench");
        var barePgRate = await BarePostgresRate(bareDb, total);
        report.Figure("appends", $"PostgreSQL, {total:N0} comments", $"{pgRate:N0}/s", $"{barePgRate:N0}/s (bare one-row transactions, {Writers} writers)", pgRate / barePgRate);
        // The bytes on a database of their own (migrated by a node started on it and stopped): in the one the throughput
        // run filled, the 100 appends land on heap pages spread around by it, each a full-page image after the checkpoint.
        var costDb = await postgres.CreateDatabaseAsync("collab_cost");
        await (await BenchServer.StartAsync(costDb)).DisposeAsync();
        await PostgresBytes(costDb, bareDb, lengths, report);
    }

    /// <summary>What a process carries from earlier scenarios: threads (the thread pool's), the managed heap, collections so far.</summary>
    private static string ProcessState()
    {
        using var process = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        return $"{ThreadPool.ThreadCount} thread-pool threads ({process.Threads.Count} in all), heap {gc.HeapSizeBytes / (1 << 20):N0} MiB " +
               $"({gc.TotalCommittedBytes / (1 << 20):N0} MiB committed), collections gen0 {GC.CollectionCount(0):N0} gen1 {GC.CollectionCount(1):N0} gen2 {GC.CollectionCount(2):N0}, " +
               $"working set {process.WorkingSet64 / (1 << 20):N0} MiB";
    }

    private static async Task<double> ThroughGrains(BenchServer collab, int total, string name, TimeSpan warmUp)
    {
        var perThread = total / Writers;
        var owner = await collab.SignInAsync($"appends_{name}");
        var circleId = (await collab.PostAsync(owner, "/api/circles", new { name = $"Bench appends {name}" })).GetProperty("id").GetString()!;
        var threadIds = new List<string>();
        for (var t = 0; t < Writers; t++)
            threadIds.Add((await collab.PostAsync(owner, $"/api/circles/{circleId}/threads", new { title = $"T{t}" })).GetProperty("id").GetString()!);
        // Unmeasured rounds first, for 10 s (1 s at the quick size), so neither activation nor JIT compilation is in the
        // figure: .NET compiles a method fully optimized only once it has run a while and the start-up compiling has
        // calmed down (tiered compilation). In a fresh process that took longer than 3 s of posting: the first figure
        // after 3 s was half of the later ones, and equal to them with tiered compilation switched off.
        var warming = Stopwatch.StartNew();
        while (warming.Elapsed < warmUp) await PostRound(collab, owner.Id, threadIds, Math.Max(1, perThread / 10));

        var clock = Stopwatch.StartNew();
        await PostRound(collab, owner.Id, threadIds, perThread);
        return perThread * Writers / clock.Elapsed.TotalSeconds;
    }

    private static Task PostRound(BenchServer collab, string memberId, List<string> threadIds, int perThread) =>
        Task.WhenAll(threadIds.Select(async id =>
        {
            var thread = collab.Grains.GetGrain<IThreadGrain>(id);
            for (var i = 0; i < perThread; i++) await thread.Post(memberId, new PostComment(Text, null, null));
        }));

    /// <summary>
    /// The event store without grains: 20 writers appending comments (event and comment rows) to their own scopes,
    /// each waiting for its append before the next, so their appends meet in the store's group commit.
    /// </summary>
    private static async Task<double> StoreOnlyRate(string path, int total)
    {
        var store = new SqliteEventStore(await WalBytes.MigratedSqlite(path));
        var perWriter = total / Writers;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(() => AppendComments(store, $"w{w}", 1, perWriter))));
        return perWriter * Writers / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> BareSqliteRate(string path, int total)
    {
        await WalBytes.SqliteExecute(path, $"PRAGMA journal_mode = WAL; {BareTable}");
        await using var db = new SqliteConnection($"Data Source={path}");
        await db.OpenAsync();
        await using (var pragma = db.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous = NORMAL;";
            await pragma.ExecuteNonQueryAsync();
        }
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++) await BareSqliteInsert(db, $"thread:{i % Writers}", i);
        return total / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> BarePostgresRate(string connectionString, int total)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await WalBytes.PostgresExecute(db, BareTable);
        var perWriter = total / Writers;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(async w =>
        {
            for (var i = 0; i < perWriter; i++) await BarePostgresInsert(db, $"thread:{w}", i);
        }));
        return perWriter * Writers / clock.Elapsed.TotalSeconds;
    }

    private static async Task SqliteBytes(string folder, int[] lengths, Report report)
    {
        var costPath = Path.Combine(folder, "cost.db");
        var store = new SqliteEventStore(await WalBytes.MigratedSqlite(costPath));
        var barePath = Path.Combine(folder, "bare-cost.db");
        await WalBytes.SqliteExecute(barePath, $"PRAGMA journal_mode = WAL; {BareTable}");
        await using var bare = new SqliteConnection($"Data Source={barePath}");
        await bare.OpenAsync();
        foreach (var length in lengths)
        {
            var scope = $"len{length}";
            await WalBytes.SqliteExecute(costPath, FillSql(scope, length, postgres: false));
            await WalBytes.SqliteExecute(barePath, BareFillSql(scope, length, postgres: false));
            var collabBytes = await WalBytes.Sqlite(costPath, () => AppendComments(store, scope, length + 1));
            var bareBytes = await WalBytes.Sqlite(barePath, async () =>
            {
                for (var seq = length + 1; seq <= length + CostAppends; seq++) await BareSqliteInsert(bare, $"thread:{scope}", seq);
            });
            report.Figure("appends", $"SQLite bytes written per append at thread length {length:N0}",
                $"{collabBytes / CostAppends:N0} B", $"{bareBytes / CostAppends:N0} B (bare row)", (double)collabBytes / bareBytes);
        }
    }

    private static async Task PostgresBytes(string collabDb, string bareDb, int[] lengths, Report report)
    {
        await using var collab = NpgsqlDataSource.Create(collabDb);
        await using var bare = NpgsqlDataSource.Create(bareDb);
        var store = new PostgresEventStore(collab);
        foreach (var length in lengths)
        {
            var scope = $"len{length}";
            await WalBytes.PostgresExecute(collab, FillSql(scope, length, postgres: true));
            await WalBytes.PostgresExecute(bare, BareFillSql(scope, length, postgres: true));
            var collabBytes = await WalBytes.Postgres(collab, () => AppendComments(store, scope, length + 1));
            var bareBytes = await WalBytes.Postgres(bare, async () =>
            {
                for (var seq = length + 1; seq <= length + CostAppends; seq++) await BarePostgresInsert(bare, $"thread:{scope}", seq);
            });
            report.Figure("appends", $"PostgreSQL bytes written per append at thread length {length:N0}",
                $"{collabBytes / CostAppends:N0} B", $"{bareBytes / CostAppends:N0} B (bare row)", (double)collabBytes / bareBytes);
        }
    }

    /// <summary>As the thread grain appends a comment: its event row and its comment row, one transaction each.</summary>
    private static async Task AppendComments(IEventStore store, string threadId, long fromSeq, int count = CostAppends)
    {
        for (var seq = fromSeq; seq < fromSeq + count; seq++)
        {
            var at = DateTimeOffset.UnixEpoch.AddSeconds(seq);
            await store.AppendAsync(
                new StoredEvent($"thread:{threadId}", seq, "comment.posted", $"{{\"text\":\"{Text}\"}}", "m-bench", $"cmd-{seq}", at),
                new StoredComment(threadId, seq, null, "m-bench", Text, at, null, "{}", "[]", seq));
        }
    }

    private const string BareTable = "CREATE TABLE IF NOT EXISTS events (scope TEXT, seq BIGINT, kind TEXT, payload TEXT, PRIMARY KEY (scope, seq));";

    private static async Task BareSqliteInsert(SqliteConnection db, string scope, long seq)
    {
        await using var tx = await db.BeginTransactionAsync();
        await using var insert = db.CreateCommand();
        insert.CommandText = "INSERT INTO events VALUES ($s, $n, 'comment.posted', $p)";
        insert.Parameters.AddWithValue("$s", scope);
        insert.Parameters.AddWithValue("$n", seq);
        insert.Parameters.AddWithValue("$p", $"{{\"text\":\"{Text}\"}}");
        await insert.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }

    private static async Task BarePostgresInsert(NpgsqlDataSource db, string scope, long seq)
    {
        await using var insert = db.CreateCommand("INSERT INTO events VALUES ($1, $2, 'comment.posted', $3)");
        insert.Parameters.Add(new NpgsqlParameter { Value = scope });
        insert.Parameters.Add(new NpgsqlParameter { Value = seq });
        insert.Parameters.Add(new NpgsqlParameter { Value = $"{{\"text\":\"{Text}\"}}" });
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>A thread of <paramref name="count"/> comments in Collab's tables, filled by SQL so reaching 100,000 takes a second.</summary>
    private static string FillSql(string threadId, long count, bool postgres) => postgres
        ? $$"""
           INSERT INTO collab_events (scope, seq, kind, payload, actor_id, command_id, at)
           SELECT 'thread:{{threadId}}', n, 'comment.posted', '{"text":"filler"}', 'm-bench', 'cmd-' || n, now() FROM generate_series(1, {{count}}) AS n;
           INSERT INTO collab_comments (thread_id, comment_id, parent_id, author_id, text, created_at, edited_at, reactions, mentions, last_seq)
           SELECT '{{threadId}}', n, NULL, 'm-bench', 'filler', now(), NULL, '{}', '[]', n FROM generate_series(1, {{count}}) AS n;
           """
        : $$"""
           WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {{count}})
           INSERT INTO collab_events (scope, seq, kind, payload, actor_id, command_id, at_us)
           SELECT 'thread:{{threadId}}', i, 'comment.posted', '{"text":"filler"}', 'm-bench', 'cmd-' || i, 0 FROM n;
           WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {{count}})
           INSERT INTO collab_comments (thread_id, comment_id, parent_id, author_id, text, created_at_us, edited_at_us, reactions, mentions, last_seq)
           SELECT '{{threadId}}', i, NULL, 'm-bench', 'filler', 0, NULL, '{}', '[]', i FROM n;
           """;

    private static string BareFillSql(string threadId, long count, bool postgres) => postgres
        ? $$"""INSERT INTO events SELECT 'thread:{{threadId}}', n, 'comment.posted', '{"text":"filler"}' FROM generate_series(1, {{count}}) AS n;"""
        : $$"""
           WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {{count}})
           INSERT INTO events SELECT 'thread:{{threadId}}', i, 'comment.posted', '{"text":"filler"}' FROM n;
           """;
}
