using Microsoft.Extensions.Logging;

namespace Collab.Hosting.Storage.Postgres;

internal static partial class PostgresMigratorLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Applying PostgreSQL script {ScriptName}")]
    public static partial void ApplyingScript(this ILogger logger, string scriptName);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "PostgreSQL script {ScriptName} is already applied")]
    public static partial void SkippingAppliedScript(this ILogger logger, string scriptName);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information,
        Message = "PostgreSQL script {ScriptName} changed since it was applied (sha256 {AppliedSha256} -> {CurrentSha256}); applying it again")]
    public static partial void ReapplyingChangedScript(this ILogger logger, string scriptName, string appliedSha256, string currentSha256);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information,
        Message = "PostgreSQL schema is up to date; {AppliedCount} of {ScriptCount} scripts applied in this run")]
    public static partial void SchemaUpToDate(this ILogger logger, int appliedCount, int scriptCount);
}
