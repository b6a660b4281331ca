namespace Collab.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class GrainClusterCollection : ICollectionFixture<GrainClusterFixture>
{
    public const string Name = "Grain cluster";
}
