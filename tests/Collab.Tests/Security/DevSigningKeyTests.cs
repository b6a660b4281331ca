using Collab.Tests.Infrastructure;
using Collab.Web.Auth;

namespace Collab.Tests.Security;

public sealed class DevSigningKeyTests
{
    private const int Creators = 8;
    private const int Rounds = 200;

    /// <summary>
    /// Web nodes started at once on one data folder all find no key and all create one. A node that reads the
    /// winner's file before it is written (or while it is held open) fails to start; one whose key replaces the
    /// winner's signs tokens the others refuse. Many rounds, because each race is over in microseconds.
    /// </summary>
    [Fact]
    public async Task Nodes_starting_at_once_on_one_folder_all_end_with_the_same_key()
    {
        for (var round = 0; round < Rounds; round++)
        {
            using var folder = new TempFolder();
            var options = new CollabAuthOptions { DevKeyPath = folder.File("data/dev-signing.key") };
            using var start = new Barrier(Creators);

            var keys = await Task.WhenAll(Enumerable.Range(0, Creators).Select(_ => Task.Factory.StartNew(() =>
            {
                start.SignalAndWait();
                return new DevTokenIssuer(options).Key.Key;
            }, TaskCreationOptions.LongRunning)));

            var stored = Convert.FromBase64String(await File.ReadAllTextAsync(options.DevKeyPath));
            Assert.Equal(32, stored.Length);
            Assert.All(keys, key => Assert.Equal(stored, key));
            Assert.Equal([options.DevKeyPath], Directory.GetFiles(Path.GetDirectoryName(options.DevKeyPath)!));
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(options.DevKeyPath));
        }
    }

    [Fact]
    public void A_node_restarting_on_its_folder_keeps_the_key_it_created()
    {
        using var folder = new TempFolder();
        var options = new CollabAuthOptions { DevKeyPath = folder.File("dev-signing.key") };

        var first = new DevTokenIssuer(options).Key.Key;
        var again = new DevTokenIssuer(options).Key.Key;

        Assert.Equal(first, again);
    }
}
