using Collab.Grains.Abstractions.Activity;
using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Live;
using Collab.Grains.Abstractions.Members;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Collab.Grains.Activity;

/// <summary>
/// Activity of one circle (key: its id) or of all circles (key <see cref="IActivityGrain.All"/>). Reports arrive
/// one-way and only touch memory; the grain never calls a domain grain back, so posting cannot wait on it. A
/// circle's grain forwards each report (and its members-live count) to the grain of all circles, one-way.
/// Once a second, while a web node subscribes to the dashboard scope, it pushes its snapshot to that scope's feed
/// grain (pushed like presence: about now, never logged). State is written at most once a minute.
/// </summary>
public sealed partial class ActivityGrain(
    [PersistentState("activity", CollabStorage.Name)] IPersistentState<ActivityState> state,
    IOptions<PlatformModerationOptions> moderation,
    TimeProvider time,
    ILogger<ActivityGrain> logger) : Grain, IActivityGrain
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WatchCheck = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SaveEvery = TimeSpan.FromMinutes(1);

    /// <summary>A circle quiet for this long, with nothing open or live, leaves the rows of all circles.</summary>
    private static readonly TimeSpan ForgetCircleAfter = TimeSpan.FromHours(1);

    private ActivityWindow _window = null!;
    private readonly Dictionary<string, ActivityWindow> _circles = [];
    private readonly Dictionary<string, int> _membersLive = [];
    private int _circleMembersLive;
    private bool _watched;
    private DateTimeOffset _nextWatchCheck;
    private DateTimeOffset _lastSave;
    private bool _dirty;

    private string Key => this.GetPrimaryKeyString();
    private bool IsAll => Key == IActivityGrain.All;
    private string DashboardScope => Scopes.Of(Scopes.Dashboard, Key);
    // Made once: every report of a circle goes on to the platform-wide grain, and Orleans builds references by reflection.
    private IActivityGrain AllCircles => field ??= GrainFactory.GetGrain<IActivityGrain>(IActivityGrain.All);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        _window = ActivityWindow.Restore(state.State.Window, now);
        foreach (var (circleId, saved) in state.State.Circles) _circles[circleId] = ActivityWindow.Restore(saved, now);
        foreach (var (circleId, members) in state.State.MembersLive) _membersLive[circleId] = members;
        _lastSave = now;
        if (!IsAll)
        {
            // Start from the circle's presence as it is; its presence grain tells us every change after this.
            _circleMembersLive = CountMembers(await GrainFactory.GetGrain<IPresenceGrain>(Scopes.Of(Scopes.Circle, Key)).Get());
            AllCircles.ReportMembersLive(Key, _circleMembersLive).Ignore();
        }
        this.RegisterGrainTimer(OnTick, new GrainTimerCreationOptions(Tick, Tick) { KeepAlive = false });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_dirty) await Save();
    }

    public Task Report(ActivityReport report)
    {
        var now = time.GetUtcNow();
        _window.Add(report.Kind, report.Count, report.At, now);
        if (IsAll) CircleWindow(report.CircleId, now).Add(report.Kind, report.Count, report.At, now);
        else AllCircles.Report(report with { CircleId = Key }).Ignore();
        _dirty = true;
        return Task.CompletedTask;
    }

    public Task ReportMembersLive(string circleId, int members)
    {
        if (!IsAll)
        {
            _circleMembersLive = members;
            AllCircles.ReportMembersLive(Key, members).Ignore();
        }
        else if (members > 0) _membersLive[circleId] = members;
        else _membersLive.Remove(circleId);
        return Task.CompletedTask;
    }

    public async Task<ActivitySnapshot> Get(string actorId, bool platformModeratorClaim)
    {
        await EnsureCanWatch(actorId, platformModeratorClaim);
        // Someone is about to watch: start pushing now rather than at the next check of the feed's subscribers.
        _watched = true;
        _nextWatchCheck = time.GetUtcNow() + WatchCheck;
        return Snapshot(time.GetUtcNow());
    }

    public async Task EnsureCanWatch(string actorId, bool platformModeratorClaim)
    {
        if (IsAll)
        {
            if (platformModeratorClaim || await IsPlatformModerator(actorId)) return;
            throw CollabException.Forbidden("Only platform moderators may watch the activity of all circles.");
        }
        var role = await GrainFactory.GetGrain<ICircleGrain>(Key).RoleOf(actorId);
        if (role is not (CircleRole.Moderator or CircleRole.Owner))
            throw CollabException.Forbidden("Only the circle's moderators and owners may watch its activity.");
    }

    private async Task<bool> IsPlatformModerator(string actorId)
    {
        foreach (var entry in moderation.Value.PlatformModerators)
        {
            if (entry == actorId) return true;
            if (entry.StartsWith('@') && entry.Length > 1
                && await GrainFactory.GetGrain<IHandleGrain>(entry[1..].ToLowerInvariant()).Owner() == actorId) return true;
        }
        return false;
    }

    private async Task OnTick(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        _window.Advance(now);
        foreach (var window in _circles.Values) window.Advance(now);
        try
        {
            if (now >= _nextWatchCheck)
            {
                _nextWatchCheck = now + WatchCheck;
                _watched = await GrainFactory.GetGrain<IScopeFeedGrain>(DashboardScope).HasSubscribers();
            }
            if (_watched)
            {
                // Nobody watching lets the grain go when idle; a watched one stays to keep pushing.
                DelayDeactivation(WatchCheck * 4);
                await GrainFactory.GetGrain<IScopeFeedGrain>(DashboardScope).PublishActivity(Snapshot(now));
            }
            if (_dirty && now - _lastSave >= SaveEvery) await Save();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogTickFailed(Key, ex);
        }
    }

    private async Task Save()
    {
        var now = time.GetUtcNow();
        ForgetIdleCircles(now);
        state.State.Window = _window.Save();
        state.State.Circles = _circles.ToDictionary(c => c.Key, c => c.Value.Save());
        state.State.MembersLive = new Dictionary<string, int>(_membersLive);
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException ex)
        {
            // Another activation of this grain wrote first (a silo leaving, the directory moving an activation).
            // The figures are approximate by design: read the stored version's ETag so the next save goes through
            // with the counts held in memory, rather than fail a deactivation or a tick over them.
            LogSaveConflict(Key, ex.Message);
            await state.ReadStateAsync();
        }
        (_lastSave, _dirty) = (now, false);
    }

    private void ForgetIdleCircles(DateTimeOffset now)
    {
        foreach (var (circleId, window) in _circles.ToList())
        {
            if (now - window.LastReport > ForgetCircleAfter && window.OpenFlags == 0 && window.HeldPosts == 0
                && !_membersLive.ContainsKey(circleId)) _circles.Remove(circleId);
        }
    }

    private ActivityWindow CircleWindow(string circleId, DateTimeOffset now)
    {
        if (!_circles.TryGetValue(circleId, out var window)) _circles[circleId] = window = new ActivityWindow(now);
        return window;
    }

    private ActivitySnapshot Snapshot(DateTimeOffset now)
    {
        _window.Advance(now);
        IReadOnlyList<CircleActivity> circles = IsAll ? CircleRows(now) : [];
        var membersLive = IsAll ? _membersLive.Values.Sum() : _circleMembersLive;
        var openFlags = IsAll ? _circles.Values.Sum(c => c.OpenFlags) : _window.OpenFlags;
        var heldPosts = IsAll ? _circles.Values.Sum(c => c.HeldPosts) : _window.HeldPosts;
        return new ActivitySnapshot(DashboardScope, now, membersLive,
            _window.PerMinute(ActivityKind.CommentPosted), _window.PerMinute(ActivityKind.DocumentEdited),
            _window.PerMinute(ActivityKind.MemberJoined), _window.LastHour(ActivityKind.MemberJoined),
            openFlags, heldPosts, _window.CommentsRecentAverage, _window.CommentsSpike, _window.SeriesStart,
            _window.Series(ActivityKind.CommentPosted), _window.Series(ActivityKind.DocumentEdited),
            _window.Series(ActivityKind.MemberJoined), circles);
    }

    private List<CircleActivity> CircleRows(DateTimeOffset now)
    {
        var ids = _circles.Keys.Union(_membersLive.Keys);
        return ids.Select(id =>
            {
                var window = _circles.TryGetValue(id, out var w) ? w : new ActivityWindow(now);
                window.Advance(now);
                return new CircleActivity(id, _membersLive.GetValueOrDefault(id),
                    window.PerMinute(ActivityKind.CommentPosted), window.CommentsRecentAverage, window.CommentsSpike,
                    window.PerMinute(ActivityKind.DocumentEdited), window.LastHour(ActivityKind.MemberJoined),
                    window.OpenFlags, window.HeldPosts);
            })
            .OrderByDescending(c => c.CommentsSpike).ThenByDescending(c => c.CommentsPerMinute)
            .ThenByDescending(c => c.MembersLive).ThenBy(c => c.CircleId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Members live in a scope: counted from its entries, or from its summary once presence lists only the latest arrivals.</summary>
    public static int CountMembers(PresenceSnapshot presence) =>
        presence.Summary?.Members ?? presence.Entries.Select(e => e.MemberId).Distinct().Count();

    [LoggerMessage(Level = LogLevel.Information, Message = "The activity grain {Key} found its figures saved by another activation ({Detail}); its next save replaces them")]
    private partial void LogSaveConflict(string key, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The activity grain {Key} could not push or save its figures; the next tick tries again")]
    private partial void LogTickFailed(string key, Exception exception);
}
