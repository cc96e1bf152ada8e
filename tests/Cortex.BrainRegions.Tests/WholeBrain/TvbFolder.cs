using System.Globalization;
using System.Text;

namespace Cortex.BrainRegions.Tests.WholeBrain;

/// <summary>A temporary folder holding a small generated connectome in TVB's text format, deleted on dispose.</summary>
internal sealed class TvbFolder : IDisposable
{
    public TvbFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"cortex-tvb-tests-{Guid.NewGuid():N}");

    /// <summary>Writes weights, tract lengths (row = target, column = source) and centres in mm, in TVB's loose layout: tabs, leading spaces, no final newline.</summary>
    public static TvbFolder Create(double[,] weights, double[,] lengths, (double X, double Y, double Z)[] centres)
    {
        var folder = new TvbFolder();
        folder.Write("weights.txt", Matrix(weights));
        folder.Write("tract_lengths.txt", Matrix(lengths));
        folder.Write("centres.txt", string.Join('\n', centres.Select((c, i) => string.Create(CultureInfo.InvariantCulture, $" r{i}\t{c.X} {c.Y}  {c.Z}"))));
        return folder;
    }

    public static string Matrix(double[,] m)
    {
        var text = new StringBuilder();
        for (var i = 0; i < m.GetLength(0); i++)
        {
            if (i > 0) text.Append('\n');
            text.Append("  ").AppendJoin('\t', Enumerable.Range(0, m.GetLength(1)).Select(j => m[i, j].ToString("0.0######e+00", CultureInfo.InvariantCulture)));
        }
        return text.ToString();
    }

    public string Write(string name, string text)
    {
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is not worth failing a test.
        }
    }
}
