namespace Collab.Tests.Infrastructure;

/// <summary>
/// Tests that need a real PostgreSQL server join this collection: one server is started for all of them
/// (each test still gets its own database), and the tests of the collection run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
