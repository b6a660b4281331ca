namespace Collab.Grains;

/// <summary>The name of the grain storage provider every Collab grain uses; the host decides what stands behind it.</summary>
public static class CollabStorage
{
    public const string Name = "collab";
}
