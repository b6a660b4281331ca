using System.Text.Json;
using Collab.Grains.Abstractions.Errors;
using Collab.Grains.Abstractions.Live;

namespace Collab.Web.Live;

/// <summary>
/// Acts on a circle's changes of access as the relay forwards them: every local connection they concern (that
/// member's, or everyone's for a change of the circle itself) in a scope under the circle is checked again by
/// the grain that owns the scope, and put out of the scope if the grain says no. The web node never decides.
/// </summary>
public sealed partial class AccessWatch(
    AccessChanges changes,
    LiveConnections connections,
    ConnectionScopes scopes,
    ScopeAccess access,
    ILogger<AccessWatch> logger) : BackgroundService
{
    /// <summary>Checks in flight at once for one change: a circle.updated in a busy circle concerns many connections.</summary>
    private const int ParallelChecks = 8;

    private const string Unchecked = "Access could not be checked again after a change of membership; join again.";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var change in changes.ReadAllAsync(stoppingToken))
        {
            try
            {
                await Recheck(change, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRecheckFailed(change.Scope, change.Seq, change.Kind, ex);
            }
        }
    }

    private async Task Recheck(ScopeEvent change, CancellationToken cancellationToken)
    {
        var concerned = AccessChangeKinds.IsAboutOneMember(change.Kind) ? MemberOf(change) : null;
        // One check per member and scope, however many of that member's connections here joined it.
        var checks = connections.Under(change.Scope, concerned).GroupBy(u => (u.Connection.MemberId, u.Joined.Scope));
        await Parallel.ForEachAsync(checks, new ParallelOptions { MaxDegreeOfParallelism = ParallelChecks, CancellationToken = cancellationToken },
            async (check, _) =>
            {
                if (await Refusal(check.Key.MemberId, check.Key.Scope) is not { } reason) return;
                foreach (var (connection, joined) in check) await scopes.Revoke(connection, joined, reason);
            });
    }

    /// <summary>Why the member may no longer read the scope, or null when they still may.</summary>
    private async Task<string?> Refusal(string memberId, string scope)
    {
        try
        {
            await access.EnsureCanRead(scope, memberId);
            return null;
        }
        catch (CollabException ex)
        {
            return ex.Message;
        }
        catch (Exception ex)
        {
            // Unable to ask is not a yes: the connection goes, and its client's next join is checked afresh.
            LogCheckFailed(memberId, scope, ex);
            return Unchecked;
        }
    }

    /// <summary>The member a change is about; null (so everyone under the circle is checked) if the payload does not say.</summary>
    private string? MemberOf(ScopeEvent change)
    {
        try
        {
            using var payload = JsonDocument.Parse(change.Payload);
            if (payload.RootElement.ValueKind == JsonValueKind.Object
                && payload.RootElement.TryGetProperty("memberId", out var member) && member.ValueKind == JsonValueKind.String)
                return member.GetString();
        }
        catch (JsonException)
        {
            // Reported below, like a payload without the member.
        }
        LogMemberMissing(change.Scope, change.Seq, change.Kind);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking access again after {Scope} #{Seq} ({Kind}) failed")]
    private partial void LogRecheckFailed(string scope, long seq, string kind, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check again whether member {Member} may read {Scope}; their connections there are put out")]
    private partial void LogCheckFailed(string member, string scope, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Scope} #{Seq} ({Kind}) names no memberId; every connection under the circle is checked again")]
    private partial void LogMemberMissing(string scope, long seq, string kind);
}
