using Collab.Grains.Abstractions.Circles;
using Collab.Grains.Abstractions.Members;
using Orleans.TestingHost;

namespace Collab.Tests.Infrastructure;

/// <summary>Two in-process silos on one SQLite file, built once for all grain tests.</summary>
public sealed class GrainClusterFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    /// <summary>The handle configured as a platform moderator in this cluster.</summary>
    public const string PlatformModeratorHandle = "platform_moderator";

    public TestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = SqliteTestCluster.Builder(2, _folder.File("collab.db"), "grains");
        // Short, so the tests of a silent web node's presence take seconds, not half a minute.
        builder.Properties["Collab:Live:PresenceTimeout"] = "00:00:03";
        builder.Properties["Collab:Moderation:PlatformModerators:0"] = "@" + PlatformModeratorHandle;
        builder.AddSiloBuilderConfigurator<SqliteSiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        _folder.Dispose();
    }

    /// <summary>A new member with a unique handle.</summary>
    public async Task<string> NewMember(string name = "Member")
    {
        var handle = $"m{Guid.NewGuid():N}"[..20];
        return (await Grains.GetGrain<IHandleGrain>(handle).RegisterOrGet(name)).Id;
    }

    /// <summary>A new circle owned by a new member; returns both ids.</summary>
    public async Task<(string CircleId, string OwnerId)> NewCircle(CircleVisibility visibility = CircleVisibility.Open)
    {
        var owner = await NewMember("Owner");
        var circleId = $"c-{Guid.NewGuid():N}"[..18];
        await Grains.GetGrain<ICircleGrain>(circleId).Create(owner, new CreateCircle("Test circle", "", visibility));
        return (circleId, owner);
    }
}
