namespace Collab.Tests.Ot;

/// <summary>Finds files that live beside the test binaries' source: the repository root and the shared traces.</summary>
public static class RepositoryRoot
{
    /// <summary>The folder holding Collab.sln, found by walking up from the test binaries.</summary>
    public static string Path { get; } = Find();

    /// <summary>
    /// The editing traces: <c>COLLAB_TRACES</c> when set, else <c>../shared/traces</c> beside the repository,
    /// where CI keeps them.
    /// </summary>
    public static string TracesFolder =>
        Environment.GetEnvironmentVariable("COLLAB_TRACES") is { Length: > 0 } configured
            ? configured
            : System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, "..", "shared", "traces"));

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Collab.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains Collab.sln.");
    }
}
