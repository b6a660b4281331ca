namespace Collab.Tests.Operations;

/// <summary>
/// Tests that read Collab's meters run alone: OpenTelemetry listens to every meter named Collab in the process, so a
/// host of another test running meanwhile would move the same series; and a host disposed meanwhile disposes its
/// meter, which stops OpenTelemetry's shared stream for every live meter of the same name
/// (open-telemetry/opentelemetry-dotnet#6412): the scrape then never shows the live host's counts.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetersCollection
{
    public const string Name = "Collab meters";
}
