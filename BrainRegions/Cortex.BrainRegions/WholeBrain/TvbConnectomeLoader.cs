using System.Globalization;
using System.Text.RegularExpressions;
using Cortex.Input;
using Cortex.Spec;

namespace Cortex.BrainRegions.WholeBrain;

/// <summary>
/// Reads a connectome folder in The Virtual Brain's text format (Sanz Leon et al. 2013, Front Neuroinform 7:10):
/// <c>weights.txt</c> and <c>tract_lengths.txt</c> (N×N, <c>[target, source]</c>), <c>centres.txt</c> (<c>label x y z</c>,
/// extra columns ignored), and when present <c>areas.txt</c> and <c>cortical.txt</c>. Values are split on any
/// whitespace (tabs, leading spaces, no final newline). Every problem is reported as a
/// <see cref="ConnectomeFormatException"/> naming the file and line: ragged rows, a non-square matrix, files that
/// disagree on the region count, NaN, infinities and negative values.
/// </summary>
public static partial class TvbConnectomeLoader
{
    /// <summary>The files a folder must have.</summary>
    public static IReadOnlyList<string> RequiredFiles { get; } = ["weights.txt", "tract_lengths.txt", "centres.txt"];

    /// <summary>Loads the folder <paramref name="directory"/>.</summary>
    /// <param name="directory">The folder holding the text files.</param>
    /// <param name="lengthUnitMm">
    /// Millimetres per unit of <c>tract_lengths.txt</c> and <c>centres.txt</c>; null reads <c>length_unit</c> from
    /// <c>info.txt</c> and takes mm when there is none. The Allen mouse set, whose unit is a 100 µm voxel and which has no
    /// info.txt, needs 0.1.
    /// </param>
    /// <param name="name">Name for reports; the folder's name when null.</param>
    public static Connectome Load(string directory, double? lengthUnitMm = null, string? name = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory)) throw new ConnectomeFormatException(directory, 0, "no such folder");
        foreach (var file in RequiredFiles)
            if (!InputFile.Exists(Path.Combine(directory, file), "connectome file", InputFile.TextCap))
                throw new ConnectomeFormatException(Path.Combine(directory, file), 0, $"missing; a TVB connectivity folder needs {string.Join(", ", RequiredFiles)}");
        var unit = lengthUnitMm ?? ReadLengthUnit(Path.Combine(directory, "info.txt"));
        if (!(unit > 0) || !double.IsFinite(unit)) throw new ArgumentOutOfRangeException(nameof(lengthUnitMm), lengthUnitMm, "must be a positive number of mm");

        var weightsPath = Path.Combine(directory, "weights.txt");
        var (weights, n) = ReadSquareMatrix(weightsPath);
        var lengthsPath = Path.Combine(directory, "tract_lengths.txt");
        var (lengths, m) = ReadSquareMatrix(lengthsPath);
        if (m != n) throw new ConnectomeFormatException(lengthsPath, 0, $"is {m}×{m}, but weights.txt is {n}×{n}");
        for (var k = 0; k < lengths.Length; k++) lengths[k] *= unit;

        var (labels, centres) = ReadCentres(Path.Combine(directory, "centres.txt"), n, unit);
        var areasPath = Path.Combine(directory, "areas.txt");
        var areas = File.Exists(areasPath) ? ReadColumn(areasPath, n) : null;
        var corticalPath = Path.Combine(directory, "cortical.txt");
        var cortical = File.Exists(corticalPath) ? ReadColumn(corticalPath, n).Select(v => v != 0).ToArray() : null;
        return new Connectome(name ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory))),
            labels, weights, lengths, centres, areas, cortical);
    }

    private static double ReadLengthUnit(string infoPath)
    {
        if (!File.Exists(infoPath)) return 1;
        // Keys sometimes run together on one line (length_unit = "mm"area_unit = "mm^2"), so match the pair, not the line.
        var match = LengthUnitPattern().Match(File.ReadAllText(infoPath));
        if (!match.Success) return 1;
        return match.Groups[1].Value.Trim() switch
        {
            "mm" => 1,
            "cm" => 10,
            "um" or "µm" => 1e-3,
            var other => throw new ConnectomeFormatException(infoPath, 0, $"length_unit '{other}' is not one of mm, cm, um; pass the unit explicitly"),
        };
    }

    [GeneratedRegex("length_unit\\s*=\\s*\"([^\"]*)\"")]
    private static partial Regex LengthUnitPattern();

    private static (double[] Values, int N) ReadSquareMatrix(string path)
    {
        var rows = new List<double[]>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            var tokens = Split(line);
            if (tokens.Length == 0) continue;
            if (rows.Count > 0 && tokens.Length != rows[0].Length)
                throw new ConnectomeFormatException(path, lineNumber, $"has {tokens.Length} values, but the first row has {rows[0].Length} (ragged rows)");
            var row = new double[tokens.Length];
            for (var k = 0; k < tokens.Length; k++) row[k] = ParseValue(tokens[k], path, lineNumber, k + 1);
            rows.Add(row);
        }
        if (rows.Count == 0) throw new ConnectomeFormatException(path, 0, "is empty");
        if (rows.Count != rows[0].Length) throw new ConnectomeFormatException(path, 0, $"is not square: {rows.Count} rows of {rows[0].Length} values");
        var n = rows.Count;
        var values = new double[n * n];
        for (var i = 0; i < n; i++) rows[i].CopyTo(values, i * n);
        return (values, n);
    }

    private static (string[] Labels, Point3[] Centres) ReadCentres(string path, int n, double unit)
    {
        var labels = new List<string>();
        var centres = new List<Point3>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            var tokens = Split(line);
            if (tokens.Length == 0) continue;
            if (tokens.Length < 4) throw new ConnectomeFormatException(path, lineNumber, $"needs 'label x y z', got {tokens.Length} value{(tokens.Length == 1 ? "" : "s")}");
            labels.Add(tokens[0]);
            centres.Add(new Point3(
                unit * ParseCoordinate(tokens[1], path, lineNumber, 2),
                unit * ParseCoordinate(tokens[2], path, lineNumber, 3),
                unit * ParseCoordinate(tokens[3], path, lineNumber, 4)));
        }
        if (labels.Count != n) throw new ConnectomeFormatException(path, 0, $"has {labels.Count} regions, but weights.txt is {n}×{n}");
        return ([.. labels], [.. centres]);
    }

    private static double[] ReadColumn(string path, int n)
    {
        var values = new List<double>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            var tokens = Split(line);
            if (tokens.Length == 0) continue;
            if (tokens.Length != 1) throw new ConnectomeFormatException(path, lineNumber, $"needs one value per line, got {tokens.Length}");
            values.Add(ParseValue(tokens[0], path, lineNumber, 1));
        }
        if (values.Count != n) throw new ConnectomeFormatException(path, 0, $"has {values.Count} values, but weights.txt is {n}×{n}");
        return [.. values];
    }

    private static string[] Split(string line) => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    // Weights, lengths, areas and flags: finite and not negative.
    private static double ParseValue(string token, string path, int line, int column)
    {
        var value = ParseCoordinate(token, path, line, column);
        if (value < 0) throw new ConnectomeFormatException(path, line, $"value {column} is negative ({token}); weights, lengths and areas must be >= 0");
        return value;
    }

    private static double ParseCoordinate(string token, string path, int line, int column)
    {
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw new ConnectomeFormatException(path, line, $"value {column} '{token}' is not a number");
        if (!double.IsFinite(value)) throw new ConnectomeFormatException(path, line, $"value {column} is {token}; values must be finite");
        return value;
    }
}
