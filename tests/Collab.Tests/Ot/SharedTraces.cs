using Collab.Replay.Traces;

namespace Collab.Tests.Ot;

/// <summary>The editing traces in <see cref="RepositoryRoot.TracesFolder"/> (../shared/traces beside the repository).</summary>
public static class SharedTraces
{
    public const string SequentialFile = "automerge-paper.json.gz";
    public const string ConcurrentFile = "friendsforever.json.gz";

    public static EditingTrace Load(string fileName)
    {
        var path = Path.Combine(RepositoryRoot.TracesFolder, fileName);
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"Editing trace {path} is missing. Put josephg/editing-traces files in ../shared/traces beside the repository or set COLLAB_TRACES to their folder.",
                path);
        return EditingTrace.Load(path);
    }
}
