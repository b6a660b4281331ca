namespace Collab.Grains.Validation;

/// <summary>New ids for circles, projects, threads and members: a kind prefix and 64 random bits.</summary>
public static class NewId
{
    public static string For(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 17)];
}
