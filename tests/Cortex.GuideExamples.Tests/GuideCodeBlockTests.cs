namespace Cortex.GuideExamples.Tests;

/// <summary>
/// Plugins/README.md shows the examples' code. A code block there preceded by <c>&lt;!-- from: PATH --&gt;</c> must appear
/// verbatim in that file of the repository (consecutive lines, possibly dedented as a whole), so the guide cannot drift
/// from code that builds and is tested.
/// </summary>
public sealed class GuideCodeBlockTests
{
    private const string Marker = "<!-- from: ";

    private static readonly string[] Examples =
    [
        "Plugins/samples/GuideExamples/TsodyksMarkram.cs",
        "Plugins/samples/GuideExamples/ThreeFactorHebb.cs",
        "Plugins/samples/GuideExamples/TwoCompartment.cs",
        "Plugins/samples/GuideExamples/FeedForwardInhibition.cs",
        "Plugins/samples/GuideExamples/Reach/ReachAgent.cs",
        "Plugins/samples/GuideExamples/guide.json",
        "tests/Cortex.GuideExamples.Tests/ClosedLoopTourTests.cs",
    ];

    [Fact]
    public void Every_marked_code_block_appears_verbatim_in_its_source_file()
    {
        var blocks = MarkedBlocks(File.ReadAllText(GuideRuntime.PathOf("Plugins", "README.md")));
        Assert.All(Examples, path => Assert.Contains(blocks, b => b.Path == path));
        foreach (var (path, line, code) in blocks)
        {
            var file = GuideRuntime.PathOf(path.Split('/'));
            Assert.True(File.Exists(file), $"Plugins/README.md line {line}: {path} does not exist");
            Assert.True(Quotes(File.ReadAllText(file), code),
                $"Plugins/README.md line {line}: the code block is not verbatim in {path}:\n{code}");
        }
    }

    [Fact]
    public void A_block_that_differs_from_its_source_is_caught()
    {
        var guide = $"{Marker}Plugins/samples/GuideExamples/TsodyksMarkram.cs -->\n```csharp\npublic override string Name => \"guide_stq\";\n```\n";
        var (path, _, code) = Assert.Single(MarkedBlocks(guide));
        var source = File.ReadAllText(GuideRuntime.PathOf(path.Split('/')));
        Assert.False(Quotes(source, code));
        Assert.True(Quotes(source, code.Replace("guide_stq", "guide_stp", StringComparison.Ordinal)));
    }

    // True when the block's lines are consecutive lines of the source, all shifted by the same indentation (a quote may be dedented).
    private static bool Quotes(string source, string block)
    {
        var lines = Normalise(source).Split('\n');
        var quoted = block.Split('\n');
        for (var start = 0; start + quoted.Length <= lines.Length; start++)
        {
            var indent = lines[start].Length - quoted[0].Length;
            if (indent < 0 || !lines[start].EndsWith(quoted[0], StringComparison.Ordinal) || lines[start][..indent].Trim().Length > 0) continue;
            var all = true;
            for (var k = 0; k < quoted.Length && all; k++)
                all = quoted[k].Length == 0 ? lines[start + k].Trim().Length == 0 : lines[start + k] == new string(' ', indent) + quoted[k];
            if (all) return true;
        }
        return false;
    }

    // (path, 1-based line of the marker, the block's lines) for every fenced block right after a marker line.
    private static List<(string Path, int Line, string Code)> MarkedBlocks(string markdown)
    {
        var lines = Normalise(markdown).Split('\n');
        var blocks = new List<(string, int, string)>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith(Marker, StringComparison.Ordinal)) continue;
            var path = lines[i][Marker.Length..].Replace("-->", "", StringComparison.Ordinal).Trim();
            Assert.True(i + 1 < lines.Length && lines[i + 1].StartsWith("```", StringComparison.Ordinal),
                $"Plugins/README.md line {i + 1}: a '{Marker}' line must be followed by a code fence");
            var end = Array.FindIndex(lines, i + 2, l => l.StartsWith("```", StringComparison.Ordinal));
            Assert.True(end > 0, $"Plugins/README.md line {i + 1}: the code block is not closed");
            blocks.Add((path, i + 1, string.Join('\n', lines[(i + 2)..end])));
            i = end;
        }
        return blocks;
    }

    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
