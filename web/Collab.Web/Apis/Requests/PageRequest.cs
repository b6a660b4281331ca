namespace Collab.Web.Apis.Requests;

/// <summary>Paging by sequence: items after <see cref="After"/>, at most <see cref="Limit"/>.</summary>
public sealed record PageRequest(long After = 0, int Limit = 50);
