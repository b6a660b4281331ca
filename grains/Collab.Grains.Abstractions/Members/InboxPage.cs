namespace Collab.Grains.Abstractions.Members;

/// <param name="Items">Newest first.</param>
/// <param name="Next">The cursor of the next (older) page, null at the end.</param>
/// <param name="Unread">Unread mentions in the whole inbox, counted up to 100.</param>
[GenerateSerializer, Alias("collab.inbox-page")]
public sealed record InboxPage(
    [property: Id(0)] IReadOnlyList<MentionNotice> Items,
    [property: Id(1)] string? Next,
    [property: Id(2)] int Unread);
