using Collab.Grains.Abstractions.Moderation;
using Collab.Grains.Journal;

namespace Collab.Grains.Moderation;

/// <summary>The events of a circle's moderation log; each carries the flag as it is after the event.</summary>
public static class ModerationEvents
{
    public const string FlagOpened = "flag.opened";
    public const string FlagMerged = "flag.merged";
    public const string FlagResolved = "flag.resolved";

    /// <summary>Open flags are rows of the circle's scope (documents flag passages there too); resolved ones move here.</summary>
    public const string OpenFlags = "flags";
    public const string ResolvedFlags = "flags-resolved";

    public static readonly EventCatalog Catalog = new(
        (FlagOpened, typeof(FlagView)),
        (FlagMerged, typeof(FlagView)),
        (FlagResolved, typeof(FlagView)));
}
