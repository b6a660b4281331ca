using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Storage;

namespace Collab.Grains.Circles;

/// <summary>What one member is in a circle: their member row (null when not a member), an invitation, a ban.</summary>
public sealed record Access(CircleMember? Member, bool Invited, bool Banned)
{
    public static readonly Access None = new(null, false, false);

    public CircleRole? Role => Member?.Role;
}

/// <summary>
/// The circle's memory of who may do what, so the rights check on every comment, operation and cursor costs no
/// storage read after the first. It is kept current by the circle's own commands (the only writer of its
/// member rows); bounded, so a circle of 100,000 members holds the active ones, not all.
/// </summary>
public sealed class AccessCache(IEventStore events, string scope)
{
    private const int Capacity = 20_000;

    private readonly Dictionary<string, Access> _known = [];

    public async Task<Access> Get(string memberId)
    {
        if (_known.TryGetValue(memberId, out var known)) return known;
        var access = await events.GetRowAsync(scope, CircleRows.Members, memberId) is { } member
            ? new Access(member.Read<CircleMember>(), false, false)
            : new Access(null,
                await events.GetRowAsync(scope, CircleRows.Invited, memberId) is not null,
                await events.GetRowAsync(scope, CircleRows.Banned, memberId) is not null);
        // Read-only calls interleave with each other, never with a command, so nothing changed during the reads.
        Set(memberId, access);
        return access;
    }

    public void Set(string memberId, Access access)
    {
        if (_known.Count >= Capacity && !_known.ContainsKey(memberId)) _known.Clear();
        _known[memberId] = access;
    }

    public void Clear() => _known.Clear();
}
