namespace Collab.Grains.Documents;

/// <summary><see cref="Length"/> consecutive code points inserted by one member.</summary>
public readonly record struct AuthorRun(string AuthorId, int Length);
