using Orleans.Concurrency;

namespace Collab.Grains.Abstractions.Activity;

/// <summary>
/// Sliding-window activity figures of one circle (key: the circle id) or of all circles (key <see cref="All"/>).
/// Domain grains report with one-way calls, so a slow or failing dashboard never slows or fails what they do;
/// a circle's grain forwards what it hears to the grain of all circles, one-way too. The grain never calls a
/// domain grain on the way in; only a dashboard read asks the circle who the reader is.
/// </summary>
[Alias("collab.activity")]
public interface IActivityGrain : IGrainWithStringKey
{
    const string All = "all";

    [Alias("report"), OneWay] Task Report(ActivityReport report);

    /// <summary>
    /// How many members are live in the circle now (its presence grain tells its circle's grain on every change
    /// and heartbeat; a circle's grain tells the grain of all circles, which adds them up).
    /// </summary>
    [Alias("report-members-live"), OneWay] Task ReportMembersLive(string circleId, int members);

    /// <summary>
    /// The figures now, for a moderator or owner of the circle, or (key <see cref="All"/>) a platform moderator:
    /// a member named in <c>Collab:Moderation:PlatformModerators</c>, or one whose sign-in carried the platform
    /// moderator claim (<paramref name="platformModeratorClaim"/>, translated by the web node). Forbidden otherwise;
    /// NotFound for a circle that does not exist.
    /// </summary>
    [Alias("get")] Task<ActivitySnapshot> Get(string actorId, bool platformModeratorClaim);

    /// <summary>The same check as <see cref="Get"/>, without the figures (a watcher asked again after a change of roles).</summary>
    [Alias("ensure-can-watch")] Task EnsureCanWatch(string actorId, bool platformModeratorClaim);
}
