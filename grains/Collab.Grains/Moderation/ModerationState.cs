using Collab.Grains.Journal;

namespace Collab.Grains.Moderation;

/// <summary>How many flags of comments are open, folded from the moderation log (the flags themselves are rows).</summary>
public sealed class ModerationState : IJournalState
{
    public int OpenFlags { get; set; }

    public void Apply(string kind, object evt)
    {
        if (kind == ModerationEvents.FlagOpened) OpenFlags++;
        else if (kind == ModerationEvents.FlagResolved) OpenFlags--;
    }
}
