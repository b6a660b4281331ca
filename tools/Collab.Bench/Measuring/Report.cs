namespace Collab.Bench.Measuring;

/// <summary>The figures of a run, printed as they come and gathered into one table at the end.</summary>
public sealed class Report
{
    private readonly List<(string Scenario, string Measure, string Collab, string Baseline, string Ratio)> _rows = [];

    public void Line(string text) => Console.WriteLine(text);

    /// <summary>One figure of Collab against its baseline; <paramref name="ratio"/> is Collab ÷ baseline.</summary>
    public void Figure(string scenario, string measure, string collab, string baseline, double? ratio)
    {
        var r = ratio is { } x && double.IsFinite(x) ? (Math.Abs(x) < 0.1 ? $"{x:F3}×" : $"{x:F2}×") : "–";
        _rows.Add((scenario, measure, collab, baseline, r));
        Console.WriteLine($"  {scenario} · {measure}: Collab {collab} | baseline {baseline} | ratio {r}");
    }

    public void PrintTable()
    {
        Console.WriteLine();
        Console.WriteLine("| scenario | measure | Collab | baseline | Collab ÷ baseline |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var (scenario, measure, collab, baseline, ratio) in _rows)
            Console.WriteLine($"| {scenario} | {measure} | {collab} | {baseline} | {ratio} |");
    }
}
