namespace Collab.Web.Apis.Requests;

/// <param name="Sdgs">UN Sustainable Development Goal numbers, 1 to 17.</param>
public sealed record CreateProjectRequest(string Title, string? Summary, IReadOnlyList<string>? Tags, IReadOnlyList<int>? Sdgs);
