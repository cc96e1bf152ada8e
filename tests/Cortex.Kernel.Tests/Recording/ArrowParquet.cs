using ParquetSharp;

namespace Cortex.Tests.Recording;

/// <summary>
/// Reads our Parquet files with ParquetSharp, a wrapper of Apache Arrow's C++ Parquet reader: an implementation
/// independent of Parquet.Net, which wrote them. A recording is its merged file or, for a run killed before its
/// close, every whole part in its <c>.parts</c> folder in name order, hidden (temporary) files left out, as pyarrow
/// reads a folder.
/// </summary>
internal static class ArrowParquet
{
    /// <summary>The files of a recording, listed without our code.</summary>
    public static IReadOnlyList<string> Files(string file)
    {
        if (File.Exists(file))
        {
            return [file];
        }
        var folder = file + ".parts";
        var parts = Directory.GetFiles(folder)
            .Where(p => !Path.GetFileName(p).StartsWith('.') && p.EndsWith(".parquet", StringComparison.Ordinal))
            .ToList();
        parts.Sort(StringComparer.Ordinal);
        return parts;
    }

    /// <summary>Every row of a spikes recording: population, neuron, time in ms.</summary>
    public static List<(string Population, int Neuron, double TimeMs)> ReadSpikes(string file)
    {
        var rows = new List<(string, int, double)>();
        foreach (var path in Files(file))
        {
            using var reader = new ParquetFileReader(path);
            for (var g = 0; g < reader.FileMetaData.NumRowGroups; g++)
            {
                using var group = reader.RowGroup(g);
                var n = checked((int)group.MetaData.NumRows);
                var population = ReadColumn<string>(group, 0, n);
                var neuron = ReadColumn<int>(group, 1, n);
                var time = ReadColumn<double>(group, 2, n);
                for (var i = 0; i < n; i++)
                {
                    rows.Add((population[i], neuron[i], time[i]));
                }
            }
        }
        return rows;
    }

    /// <summary>Every row of a state recording.</summary>
    public static List<(string Population, string Variable, int Neuron, double TimeMs, float Value, string Unit)> ReadState(string file)
    {
        var rows = new List<(string, string, int, double, float, string)>();
        foreach (var path in Files(file))
        {
            using var reader = new ParquetFileReader(path);
            for (var g = 0; g < reader.FileMetaData.NumRowGroups; g++)
            {
                using var group = reader.RowGroup(g);
                var n = checked((int)group.MetaData.NumRows);
                var population = ReadColumn<string>(group, 0, n);
                var variable = ReadColumn<string>(group, 1, n);
                var neuron = ReadColumn<int>(group, 2, n);
                var time = ReadColumn<double>(group, 3, n);
                var value = ReadColumn<float>(group, 4, n);
                var unit = ReadColumn<string>(group, 5, n);
                for (var i = 0; i < n; i++)
                {
                    rows.Add((population[i], variable[i], neuron[i], time[i], value[i], unit[i]));
                }
            }
        }
        return rows;
    }

    /// <summary>The column names of the first file of a recording, in schema order.</summary>
    public static IReadOnlyList<string> ColumnNames(string file)
    {
        using var reader = new ParquetFileReader(Files(file)[0]);
        var schema = reader.FileMetaData.Schema;
        return [.. Enumerable.Range(0, schema.NumColumns).Select(i => schema.Column(i).Name)];
    }

    /// <summary>The key-value metadata of the first file of a recording.</summary>
    public static IReadOnlyDictionary<string, string> Metadata(string file)
    {
        using var reader = new ParquetFileReader(Files(file)[0]);
        return new Dictionary<string, string>(reader.FileMetaData.KeyValueMetadata, StringComparer.Ordinal);
    }

    private static T[] ReadColumn<T>(RowGroupReader group, int column, int rows)
    {
        using var reader = group.Column(column).LogicalReader<T>();
        return reader.ReadAll(rows);
    }
}
