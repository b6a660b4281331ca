namespace Collab.Tests.Operations;

/// <summary>
/// Tests that read exact values of Collab's meters run alone: OpenTelemetry listens to every meter named Collab in the
/// process, so a host of another test running meanwhile would move the same series.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetersCollection
{
    public const string Name = "Collab meters";
}
