using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Cortex.Learning.Data;

namespace Cortex.Learning.Graphs;

/// <summary>
/// Labelled graphs that ship with networkx (Debian <c>python3-networkx</c>), read by running python3 once: the
/// graphs live in networkx's Python source, not in data files. Node features are one-hot node indices (the
/// graphs have none), as in Kipf &amp; Welling's karate-club demonstration.
/// </summary>
public static class NetworkxGraphs
{
    /// <summary>The Debian package that provides networkx.</summary>
    public const string DebianPackage = "python3-networkx";

    /// <summary>Where the Debian package installs the module (named in the missing-package error).</summary>
    public const string ModulePath = "/usr/lib/python3/dist-packages/networkx";

    /// <summary>
    /// The graphs offered, with the node attribute that labels them: Zachary's karate club (34 members, the club
    /// each joined after the split: Mr. Hi 0, Officer 1) and Davis's southern women (18 women, 14 events; the side
    /// of the bipartite graph).
    /// </summary>
    public static IReadOnlyList<string> Names { get; } = ["karate_club", "davis_southern_women"];

    private const string Script = """
        import json, sys
        try:
            import networkx as nx
        except ImportError:
            sys.exit(3)
        name = sys.argv[1]
        if name == "karate_club":
            g = nx.karate_club_graph()
            labels = [0 if g.nodes[v]["club"] == "Mr. Hi" else 1 for v in g.nodes]
        elif name == "davis_southern_women":
            g = nx.davis_southern_women_graph()
            labels = [int(g.nodes[v]["bipartite"]) for v in g.nodes]
        else:
            sys.exit(4)
        index = {v: i for i, v in enumerate(g.nodes)}
        edges = sorted({tuple(sorted((index[a], index[b]))) for a, b in g.edges() if a != b})
        print(json.dumps({"nodes": len(index), "edges": edges, "labels": labels}))
        """;

    /// <summary>
    /// Loads graph <paramref name="name"/>; a missing python3 or networkx throws <see cref="DatasetMissingException"/>
    /// naming <see cref="DebianPackage"/>. <paramref name="interpreters"/> are tried in order (default: Debian's
    /// /usr/bin/python3, where python3-networkx installs, then the python3 on the PATH).
    /// </summary>
    public static NodeGraph Load(string name, IReadOnlyList<string>? interpreters = null)
    {
        if (!Names.Contains(name)) throw new ArgumentException($"unknown networkx graph '{name}' (available: {string.Join(", ", Names)})", nameof(name));
        interpreters ??= File.Exists("/usr/bin/python3") ? ["/usr/bin/python3", "python3"] : ["python3"];
        var (exitCode, output, error) = (3, "", "");
        foreach (var interpreter in interpreters)
        {
            (exitCode, output, error) = Run(interpreter, name);
            if (exitCode != 3) break;
        }
        if (exitCode == 3) throw new DatasetMissingException($"networkx/{name}", ModulePath, DebianPackage);
        if (exitCode != 0) throw new InvalidDataException($"networkx/{name}: python3 exited with {exitCode}: {error.Trim()}");
        return Parse(output, $"networkx/{name}");
    }

    /// <summary>Runs the export script with <paramref name="interpreter"/>; exit code 3 means no python3 or no networkx.</summary>
    private static (int ExitCode, string Output, string Error) Run(string interpreter, string name)
    {
        var start = new ProcessStartInfo(interpreter) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(name);
        try
        {
            using var process = Process.Start(start);
            if (process is null) return (3, "", "");
            var errorTask = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            var error = errorTask.GetAwaiter().GetResult();
            process.WaitForExit();
            return (process.ExitCode, output, error);
        }
        catch (Win32Exception)
        {
            return (3, "", "");   // no such interpreter: the package brings python3 in as a dependency
        }
    }

    /// <summary>Parses the exporter's JSON ({"nodes", "edges", "labels"}); <paramref name="source"/> names it in errors.</summary>
    public static NodeGraph Parse(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var nodes = root.GetProperty("nodes").GetInt32();
            var edges = root.GetProperty("edges").EnumerateArray().Select(e => (e[0].GetInt32(), e[1].GetInt32())).ToList();
            var labels = root.GetProperty("labels").EnumerateArray().Select(l => l.GetInt64()).ToArray();
            var classes = labels.Length == 0 ? 0 : (int)labels.Max() + 1;
            var graph = new NodeGraph(source, nodes, edges, NodeGraph.OneHotFeatures(nodes), nodes, labels, classes);
            graph.Validate();
            return graph;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException or FormatException)
        {
            throw new InvalidDataException($"{source}: unreadable graph export: {e.Message}");
        }
    }
}
