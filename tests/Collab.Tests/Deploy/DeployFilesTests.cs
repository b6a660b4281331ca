using System.Text.RegularExpressions;
using Collab.Hosting;
using Collab.Hosting.Health;
using Collab.Tests.Ot;
using YamlDotNet.RepresentationModel;

namespace Collab.Tests.Deploy;

/// <summary>
/// There is no container engine here, so the compose file and the Kubernetes manifests are checked by reading them:
/// everything they name (images, commands, ports, probe paths, configuration keys) must exist in the code.
/// </summary>
public sealed partial class DeployFilesTests
{
    private static readonly string Deploy = Path.Combine(RepositoryRoot.Path, "deploy");
    private static readonly string[] Hosts = ["/app/silo/Collab.Silo.dll", "/app/web/Collab.Web.dll"];

    private static IEnumerable<string> Manifests() =>
        Directory.GetFiles(Path.Combine(Deploy, "k8s"), "*.yaml").Append(Path.Combine(Deploy, "compose.yaml"));

    [Fact]
    public void Every_configuration_key_they_set_is_an_option_of_Collab_and_documented_in_the_README()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var sources = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "silo"), "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "web"), "*.cs", SearchOption.AllDirectories))
            .Concat(Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "grains"), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Select(File.ReadAllText).ToList();
        var keys = Manifests().SelectMany(EnvironmentKeys).Where(k => k.StartsWith("Collab__", StringComparison.Ordinal)).Distinct().ToList();
        Assert.Contains("Collab__Storage__MigrateOnStart", keys);

        foreach (var key in keys)
        {
            var parts = key.Split("__");
            var section = string.Join(':', parts[..^1]);
            var property = parts[^1];
            var options = sources.FirstOrDefault(s => s.Contains($"Section = \"{section}\";", StringComparison.Ordinal));
            Assert.True(options is not null, $"{key}: no options class has the section {section}.");
            Assert.True(Regex.IsMatch(options, $@"\b{property} {{ get;"), $"{key}: the options class of {section} has no property {property}.");
            Assert.True(readme.Contains($"`{section}:{property}`", StringComparison.Ordinal) || readme.Contains($"/ `{property}`", StringComparison.Ordinal),
                $"{key}: {section}:{property} is not in the README's configuration table.");
        }
    }

    [Fact]
    public void Probes_use_the_health_endpoints_and_every_deployment_has_all_three()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Deploy, "k8s"), "*.yaml"))
        {
            foreach (var document in Load(file).Where(d => Scalar(d, "kind") == "Deployment"))
            {
                var container = (YamlMappingNode)((YamlSequenceNode)At(document, "spec", "template", "spec", "containers")!).Children[0];
                Assert.Equal(CollabHealth.LivePath, Scalar(At(container, "startupProbe", "httpGet")!, "path"));
                Assert.Equal(CollabHealth.LivePath, Scalar(At(container, "livenessProbe", "httpGet")!, "path"));
                Assert.Equal(CollabHealth.ReadyPath, Scalar(At(container, "readinessProbe", "httpGet")!, "path"));
                Assert.NotNull(At(container, "resources", "requests"));
                Assert.NotNull(At(container, "resources", "limits"));
                Assert.Equal("true", Scalar(At(document, "spec", "template", "spec", "securityContext")!, "runAsNonRoot"));
            }
        }
        var kinds = Directory.GetFiles(Path.Combine(Deploy, "k8s"), "*.yaml").SelectMany(Load).Select(d => Scalar(d, "kind")).ToList();
        Assert.Equal(2, kinds.Count(k => k == "PodDisruptionBudget"));
        Assert.Contains("Job", kinds);
        Assert.Contains("Secret", kinds);
    }

    [Fact]
    public void Images_commands_and_ports_are_those_the_Dockerfile_builds_and_the_hosts_serve()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Deploy, "Dockerfile"));
        Assert.Contains("dotnet publish silo/Collab.Silo -c Release -o /app/silo", dockerfile);
        Assert.Contains("dotnet publish web/Collab.Web -c Release -o /app/web", dockerfile);
        Assert.Contains("USER $APP_UID", dockerfile);
        var migrate = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "silo", "Collab.Silo", "MigrateCommand.cs"));
        Assert.Contains("public const string Name = \"migrate\";", migrate);
        var siloSettings = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "silo", "Collab.Silo", "appsettings.json"));
        var siloHealthPort = int.Parse(SiloUrlsPort().Match(siloSettings).Groups[1].Value);
        var cluster = new CollabClusterOptions();
        int[] exposed = [8080, siloHealthPort, cluster.SiloPort, cluster.GatewayPort];
        foreach (var port in exposed) Assert.Contains($" {port}", dockerfile.Split('\n').Single(l => l.StartsWith("EXPOSE", StringComparison.Ordinal)));

        foreach (var file in Manifests())
        {
            foreach (var node in Load(file).SelectMany(Descendants))
            {
                if (node is YamlMappingNode map && Scalar(map, "image") is { } image)
                    Assert.True(image == "collab" || Regex.IsMatch(image, @"^(postgres|nginx):[0-9.]+$"), $"{file}: unknown image {image}");
                if (node is YamlMappingNode withCommand && At(withCommand, "command") is YamlSequenceNode command)
                {
                    var words = command.Children.Select(c => ((YamlScalarNode)c).Value!).ToList();
                    var dll = words.Single(w => w.EndsWith(".dll", StringComparison.Ordinal));
                    Assert.Contains(dll, Hosts);
                    Assert.All(words.SkipWhile(w => w != dll).Skip(1), w => Assert.Equal("migrate", w));
                }
                if (node is YamlMappingNode withPort && Scalar(withPort, "containerPort") is { } containerPort)
                    Assert.Contains(int.Parse(containerPort), exposed);
            }
        }
    }

    [Fact]
    public void Silos_on_Kubernetes_get_the_pod_details_Orleans_Kubernetes_hosting_reads()
    {
        var keys = EnvironmentKeys(Path.Combine(Deploy, "k8s", "silo.yaml")).ToList();
        Assert.Contains("Collab__Cluster__Kubernetes", keys);
        foreach (var key in new[] { "POD_NAME", "POD_NAMESPACE", "POD_IP", "ORLEANS_SERVICE_ID", "ORLEANS_CLUSTER_ID" }) Assert.Contains(key, keys);
        var proxy = File.ReadAllText(Path.Combine(Deploy, "nginx.conf"));
        var services = ((YamlMappingNode)Load(Path.Combine(Deploy, "compose.yaml"))[0].Children[new YamlScalarNode("services")]).Children.Keys
            .Select(k => ((YamlScalarNode)k).Value).ToList();
        foreach (var upstream in Regex.Matches(proxy, @"server (\w+):8080;").Select(m => m.Groups[1].Value)) Assert.Contains(upstream, services);
        Assert.Contains("migrate", services);
        Assert.Contains("proxy_set_header Upgrade", proxy);
        Assert.Contains("ip_hash", proxy);
    }

    private static List<YamlMappingNode> Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(file);
        stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    /// <summary>Environment variable names: compose's <c>environment:</c> maps and Kubernetes' <c>env:</c> lists of <c>name</c>.</summary>
    private static IEnumerable<string> EnvironmentKeys(string file) => Load(file).SelectMany(Descendants).OfType<YamlMappingNode>().SelectMany(map =>
        map.Children.Where(e => e.Key is YamlScalarNode { Value: "environment" } && e.Value is YamlMappingNode)
            .SelectMany(e => ((YamlMappingNode)e.Value).Children.Keys.Select(k => ((YamlScalarNode)k).Value!))
            .Concat(map.Children.Where(e => e.Key is YamlScalarNode { Value: "env" } && e.Value is YamlSequenceNode)
                .SelectMany(e => ((YamlSequenceNode)e.Value).Children.Select(c => Scalar(c, "name")!))));

    private static IEnumerable<YamlNode> Descendants(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.Values.SelectMany(Descendants).Prepend(map),
        YamlSequenceNode sequence => sequence.Children.SelectMany(Descendants).Prepend(sequence),
        _ => [node],
    };

    private static YamlNode? At(YamlNode node, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var child)) return null;
            node = child;
        }
        return node;
    }

    private static string? Scalar(YamlNode node, string key) => At(node, key) is YamlScalarNode { Value: var value } ? value : null;

    [GeneratedRegex("\"Urls\": \"http://\\*:(\\d+)\"")]
    private static partial Regex SiloUrlsPort();
}
