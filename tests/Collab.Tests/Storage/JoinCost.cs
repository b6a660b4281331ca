using Collab.Grains.Abstractions.Circles;

namespace Collab.Tests.Storage;

/// <summary>Joins as members make them, through the real circle grain, in a small circle and in a prefilled one of any size.</summary>
public static class JoinCost
{
    /// <summary>A circle of 10 members: its owner and nine joins.</summary>
    public static async Task<ICircleGrain> SmallCircle(IGrainFactory grains)
    {
        var small = grains.GetGrain<ICircleGrain>("c-small");
        await small.Create("m-owner", new CreateCircle("Small", "", CircleVisibility.Open));
        for (var i = 1; i < 10; i++) await small.Join($"m-small-{i}");
        return small;
    }

    public static async Task JoinTen(ICircleGrain circle, string prefix)
    {
        for (var i = 0; i < 10; i++) await circle.Join($"{prefix}-{i}");
    }

    /// <summary>
    /// A circle that already has <paramref name="members"/> members, as its own joins would have left it: the
    /// creation and the joins in its log, one row per member (and per member's circle list), its directory row,
    /// and a snapshot of its state at the last join so activation replays nothing. Set-based, so it takes a second.
    /// </summary>
    public static string FillSql(string circleId, int members, bool postgres)
    {
        var (series, i, at) = postgres
            ? ($"FROM generate_series(2, {members}) AS n(i)", "i::text", "at")
            : ($"FROM (WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < {members}) SELECT i FROM n)", "i", "at_us");
        var time = postgres ? "'2026-12-01T00:00:00Z'" : "0";
        const string joined = "2026-12-01T00:00:00+00:00";
        return $$"""
            INSERT INTO collab_events (scope, seq, kind, payload, actor_id, command_id, {{at}})
            VALUES ('circle:{{circleId}}', 1, 'circle.created',
                    '{"name":"Big","description":"","visibility":"Open","ownerId":"m-owner","at":"{{joined}}"}', 'm-owner', NULL, {{time}});
            INSERT INTO collab_events (scope, seq, kind, payload, actor_id, command_id, {{at}})
            SELECT 'circle:{{circleId}}', i, 'member.joined', '{"memberId":"m-' || {{i}} || '","role":"Member","joinedAt":"{{joined}}"}', 'm-' || {{i}}, NULL, {{time}} {{series}};
            INSERT INTO collab_rows (scope, collection, key, position, payload)
            VALUES ('circle:{{circleId}}', 'members', 'm-owner', 1, '{"memberId":"m-owner","role":"Owner","joinedAt":"{{joined}}"}');
            INSERT INTO collab_rows (scope, collection, key, position, payload)
            SELECT 'circle:{{circleId}}', 'members', 'm-' || {{i}}, i, '{"memberId":"m-' || {{i}} || '","role":"Member","joinedAt":"{{joined}}"}' {{series}};
            INSERT INTO collab_rows (scope, collection, key, position, payload)
            SELECT 'member:m-' || {{i}}, 'circles', '{{circleId}}', i, '{"circleId":"{{circleId}}","role":"Member"}' {{series}};
            INSERT INTO collab_rows (scope, collection, key, position, payload)
            VALUES ('directory', 'circles', '{{circleId}}', 1, '{"id":"{{circleId}}","name":"Big","description":"","visibility":"Open","memberCount":{{members}}}');
            INSERT INTO collab_snapshots (scope, seq, payload)
            VALUES ('circle:{{circleId}}', {{members}}, '{"exists":true,"name":"Big","description":"","visibility":"Open","createdAt":"{{joined}}","createdBy":"m-owner","memberCount":{{members}},"ownerCount":1}');
            """;
    }
}
