using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Live;
using Collab.Grains.Abstractions.Members;
using Collab.Grains.Circles;
using Collab.Grains.Journal;
using Collab.Grains.Storage;
using Collab.Grains.Validation;
using Microsoft.Extensions.Options;

namespace Collab.Grains.Members;

public sealed partial class MemberGrain(ScopeJournalFactory journals, IOptions<CollabLimitsOptions> limits, TimeProvider time) : Grain, IMemberGrain
{
    private const int UnreadCap = 100;

    private ScopeJournal<MemberState> _journal = null!;

    private MemberState S => _journal.State;
    private string Id => this.GetPrimaryKeyString();
    private string Scope => _journal.Scope;
    private IEventStore Events => journals.Events;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journal = journals.Create<MemberState>(Scopes.Of(Scopes.Member, Id), MemberEvents.Catalog, GrainFactory);
        return _journal.LoadAsync(cancellationToken);
    }

    public async Task<MemberView> Register(string handle, string displayName)
    {
        await _journal.EnsureCurrentAsync();
        if (S.Exists) throw CollabException.Conflict($"Member '{Id}' already exists.");
        var name = Input.RequiredText("displayName", displayName, limits.Value.DisplayNameMaxLength);
        await _journal.AppendAsync(new MemberRegistered(handle, name, time.UtcNowMicros()), Id);
        return await Get();
    }

    public async Task<MemberView> EnsureRegistered(string preferredHandle, string displayName)
    {
        await _journal.EnsureCurrentAsync();
        if (S.Exists) return await Get();
        var wanted = new string(preferredHandle.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').Take(30).ToArray());
        var fallback = $"user_{Id.Replace("-", "")[..Math.Min(12, Id.Length - 1)]}".ToLowerInvariant();
        foreach (var handle in new[] { wanted, fallback }.Where(Input.IsHandle))
        {
            if (await GrainFactory.GetGrain<IHandleGrain>(handle).Claim(Id) != Id) continue;
            var name = string.IsNullOrWhiteSpace(displayName) ? handle : displayName.Trim()[..Math.Min(displayName.Trim().Length, limits.Value.DisplayNameMaxLength)];
            return await Register(handle, name);
        }
        throw CollabException.Conflict($"No free handle for member '{Id}'.");
    }

    public async Task<MemberView> Get()
    {
        EnsureExists();
        var circles = await Events.ReadRowsAsync(Scope, CircleRows.MemberCircles, null, limits.Value.PageMaxSize);
        return View(circles.Select(r => r.Read<MemberCircle>()));
    }

    public async Task<MemberView> GetAs(string viewerId)
    {
        if (viewerId == Id) return await Get();
        EnsureExists();
        var circles = (await Events.ReadRowsAsync(Scope, CircleRows.MemberCircles, null, limits.Value.PageMaxSize)).Select(r => r.Read<MemberCircle>()).ToList();
        // Each circle decides whether the viewer may see it: an invite-only circle's members stay private.
        var visible = await Task.WhenAll(circles.Select(c => GrainFactory.GetGrain<ICircleGrain>(c.CircleId).CanRead(viewerId)));
        return View(circles.Where((_, i) => visible[i]));
    }

    public Task<bool> Exists() => Task.FromResult(S.Exists);

    public async Task<MemberView> UpdateProfile(string actorId, string? handle, string? displayName)
    {
        EnsureExists();
        if (actorId != Id) throw CollabException.Forbidden("Members can only change their own profile.");
        await _journal.EnsureCurrentAsync();
        var newName = displayName is null ? S.DisplayName : Input.RequiredText("displayName", displayName, limits.Value.DisplayNameMaxLength);
        var newHandle = handle is null ? S.Handle : Input.Handle(handle);
        if (newHandle == S.Handle && newName == S.DisplayName) return await Get();

        var oldHandle = S.Handle;
        if (newHandle != oldHandle && await GrainFactory.GetGrain<IHandleGrain>(newHandle).Claim(Id) != Id)
            throw CollabException.Conflict($"The handle '@{newHandle}' is taken.");
        await _journal.AppendAsync(new ProfileUpdated(newHandle, newName), Id);
        // Released only once the new handle is recorded: a failure in between leaves the member reachable by both.
        if (newHandle != oldHandle) await GrainFactory.GetGrain<IHandleGrain>(oldHandle).Release(Id);
        return await Get();
    }

    public async Task<InboxPage> GetInbox(string actorId, string? after, int limit)
    {
        EnsureOwnInbox(actorId);
        var page = await RowPages.ReadRowsAsync(Events, Scope, MemberEvents.InboxRows, after, limit, limits.Value.PageMaxSize, newestFirst: true);
        var items = page.Items.Select(r => r.Read<MentionNotice>() with { Read = r.Position <= S.InboxReadUpTo, Cursor = r.Cursor.ToString() }).ToList();
        return new InboxPage(items, page.Next, await Unread());
    }

    public async Task<int> MarkInboxRead(string actorId, string upTo)
    {
        EnsureOwnInbox(actorId);
        var cursor = RowCursor.Parse("upTo", upTo) ?? throw CollabException.Invalid("upTo", "'upTo' must be the cursor of a mention.");
        if (cursor.Position > S.InboxReadUpTo) await _journal.AppendAsync(new InboxRead(cursor.Position), Id);
        return await Unread();
    }

    public async Task NotifyMention(MentionNotice notice)
    {
        if (!S.Exists) return;
        var kind = notice.Reason == MentionNotice.Replied ? MemberEvents.Reply : MemberEvents.Mention;
        await _journal.AppendAsync(kind, notice with { Cursor = InboxRows.CursorOf(notice).ToString() }, notice.FromMemberId);
    }

    private Task<int> Unread() => Events.CountRowsAsync(Scope, MemberEvents.InboxRows, S.InboxReadUpTo, UnreadCap);

    private void EnsureOwnInbox(string actorId)
    {
        EnsureExists();
        if (actorId != Id) throw CollabException.Forbidden("Members can only read their own inbox.");
    }

    private void EnsureExists()
    {
        if (!S.Exists) throw CollabException.NotFound($"Member '{Id}' not found.");
    }

    private MemberView View(IEnumerable<MemberCircle> circles) =>
        new(Id, S.Handle, S.DisplayName, circles.ToDictionary(c => c.CircleId, c => c.Role), S.CreatedAt);
}
