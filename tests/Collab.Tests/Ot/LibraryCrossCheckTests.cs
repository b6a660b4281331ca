using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Collab.Grains.Documents.Ot;

namespace Collab.Tests.Ot;

/// <summary>
/// The browser runs ot-text-unicode itself, so the server must produce the very same operations: this runs the
/// library (tests/ot-vectors/generate.mjs) on random cases and compares every result, component for component.
/// </summary>
public sealed class LibraryCrossCheckTests
{
    private const int VectorsPerSeed = 3000;

    [Theory]
    [InlineData(20240611)]
    [InlineData(7)]
    public void The_engine_agrees_with_ot_text_unicode_on_apply_transform_compose_and_cursors(int seed)
    {
        using var vectors = JsonDocument.Parse(RunGenerator(seed, VectorsPerSeed));
        var failures = new List<string>();
        var index = 0;

        foreach (var vector in vectors.RootElement.GetProperty("vectors").EnumerateArray())
        {
            foreach (var failure in Compare(vector)) failures.Add($"vector {index}: {failure} (case {vector.GetRawText()})");
            index++;
        }

        Assert.Equal(VectorsPerSeed, index);
        Assert.True(failures.Count == 0,
            $"seed {seed} (node generate.mjs {seed} {VectorsPerSeed}): {failures.Count} mismatches; first ones:\n" +
            string.Join("\n", failures.Take(5)));
    }

    private static IEnumerable<string> Compare(JsonElement vector)
    {
        var doc = vector.GetProperty("doc").GetString()!;
        var a = TextOperation.Parse(vector.GetProperty("a"));
        var b = TextOperation.Parse(vector.GetProperty("b"));
        var c = TextOperation.Parse(vector.GetProperty("c"));

        if (a.Apply(doc) != vector.GetProperty("applyA").GetString()) yield return "apply(doc, a)";
        if (b.Apply(doc) != vector.GetProperty("applyB").GetString()) yield return "apply(doc, b)";
        var document = new TextDocument(doc);
        document.Apply(a);
        if (document.ToString() != vector.GetProperty("applyA").GetString()) yield return "TextDocument.Apply(a)";
        if (c.Apply(a.Apply(doc)) != vector.GetProperty("applyAC").GetString()) yield return "apply(apply(doc, a), c)";

        var results = new (string Name, TextOperation Ours)[]
        {
            ("aAfterBLeft", TextOperation.Transform(a, b, Side.Left)),
            ("aAfterBRight", TextOperation.Transform(a, b, Side.Right)),
            ("bAfterALeft", TextOperation.Transform(b, a, Side.Left)),
            ("bAfterARight", TextOperation.Transform(b, a, Side.Right)),
            ("composeAC", TextOperation.Compose(a, c)),
        };
        foreach (var (name, ours) in results)
        {
            var theirs = vector.GetProperty(name).GetRawText();
            if (!JsonNode.DeepEquals(JsonNode.Parse(theirs), JsonNode.Parse(ours.ToJson())))
                yield return $"{name}: library {theirs}, engine {ours.ToJson()}";
        }

        foreach (var pair in vector.GetProperty("positions").EnumerateArray())
        {
            var (position, expected) = (pair[0].GetInt32(), pair[1].GetInt32());
            var ours = TextOperation.TransformPosition(position, a);
            if (ours != expected) yield return $"transformPosition({position}, a): library {expected}, engine {ours}";
        }
    }

    private static string RunGenerator(int seed, int count)
    {
        var folder = Path.Combine(RepositoryRoot.Path, "tests", "ot-vectors");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "ot-text-unicode")))
            Assert.Fail($"{folder}/node_modules is missing: run the README's test command ./run-tests.sh (it runs `npm ci` there), or `npm ci` in tests/ot-vectors.");

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("generate.mjs");
        start.ArgumentList.Add(seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(count.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Process node;
        try
        {
            node = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("Node.js (`node`) is needed to cross-check against ot-text-unicode and was not found on PATH.", e);
        }
        using (node)
        {
            var stderr = node.StandardError.ReadToEndAsync();
            var stdout = node.StandardOutput.ReadToEnd();
            if (!node.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                node.Kill(entireProcessTree: true);
                Assert.Fail("node generate.mjs did not finish within 60 s.");
            }
            Assert.True(node.ExitCode == 0, $"node generate.mjs {seed} {count} failed with exit code {node.ExitCode}: {stderr.Result}");
            return stdout;
        }
    }
}
