using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace Cortex.Recording;

/// <summary>One row of <c>spikes.parquet</c> as stored.</summary>
public readonly record struct SpikeRow(string Population, int Neuron, double TimeMs);

/// <summary>One row of <c>state.parquet</c> as stored (value in <paramref name="Unit"/>).</summary>
public readonly record struct StateRow(string Population, string Variable, int Neuron, double TimeMs, float Value, string Unit);

/// <summary>
/// Reads the files of <see cref="ParquetSpikeSink"/> and <see cref="ParquetStateSink"/> back, either as stored
/// rows or, given the run's <see cref="RecordingLayout"/>, as <see cref="SpikeRecord"/>/<see cref="StateSample"/>
/// (population and probe names mapped to indices, step = round(time_ms / dt), values back in internal units).
/// Every path may be the file or the run directory holding it; a recording whose run was killed before its normal close
/// is read from its parts (<see cref="ParquetParts"/>).
/// </summary>
public static class ParquetRecordingReader
{
    /// <summary>Reads every row of a spikes file.</summary>
    public static IReadOnlyList<SpikeRow> ReadSpikeRows(string path) =>
        SyncOverAsync.Run(() => ReadSpikeRowsAsync(path));

    /// <summary>Reads every row of a state file.</summary>
    public static IReadOnlyList<StateRow> ReadStateRows(string path) =>
        SyncOverAsync.Run(() => ReadStateRowsAsync(path));

    /// <summary>Reads a spikes file as spike records of <paramref name="layout"/>'s populations.</summary>
    /// <exception cref="InvalidDataException">A population in the file is not in the layout.</exception>
    public static IReadOnlyList<SpikeRecord> ReadSpikes(string path, RecordingLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var index = IndexBy(layout.Populations, p => p);
        var rows = ReadSpikeRows(path);
        var spikes = new SpikeRecord[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (!index.TryGetValue(row.Population, out var population))
            {
                throw new InvalidDataException($"{path}: population '{row.Population}' is not in the run's layout");
            }
            spikes[i] = new SpikeRecord(population, row.Neuron, ToStep(row.TimeMs, layout.Dt));
        }
        return spikes;
    }

    /// <summary>Reads a state file as samples of <paramref name="layout"/>'s probes, values in internal units.</summary>
    /// <exception cref="InvalidDataException">A (population, variable) in the file is not a probe of the layout.</exception>
    public static IReadOnlyList<StateSample> ReadSamples(string path, RecordingLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var index = IndexBy(layout.StateProbes, p => ProbeKey(p.Population, p.Variable));
        var rows = ReadStateRows(path);
        var samples = new StateSample[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (!index.TryGetValue(ProbeKey(row.Population, row.Variable), out var probe))
            {
                throw new InvalidDataException($"{path}: no state probe '{row.Variable}' of population '{row.Population}' in the run's layout");
            }
            var factor = ParquetStateSink.UnitFactor(row.Unit);
            var value = factor == 1.0 ? row.Value : (float)(row.Value * factor);
            samples[i] = new StateSample(probe, row.Neuron, ToStep(row.TimeMs, layout.Dt), value);
        }
        return samples;
    }

    /// <summary>The file's key-value metadata (e.g. <see cref="ParquetSinkBase.DtKey"/>).</summary>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path) =>
        SyncOverAsync.Run(async () =>
        {
            var reader = await ParquetReader.CreateAsync(ParquetParts.Files(Resolve(path, ParquetSpikeSink.FileName))[0]).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(reader.CustomMetadata, StringComparer.Ordinal);
            }
        });

    /// <summary>Reads every row of a spikes file.</summary>
    public static async Task<IReadOnlyList<SpikeRow>> ReadSpikeRowsAsync(string path, CancellationToken cancellationToken = default)
    {
        var result = new List<SpikeRow>();
        foreach (var file in ParquetParts.Files(Resolve(path, ParquetSpikeSink.FileName)))
        {
            await ReadSpikeFileAsync(file, result, cancellationToken).ConfigureAwait(false);
        }
        return result;
    }

    private static async Task ReadSpikeFileAsync(string file, List<SpikeRow> result, CancellationToken cancellationToken)
    {
        var reader = await ParquetReader.CreateAsync(file, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var population = Field(reader, file, "population");
            var neuron = Field(reader, file, "neuron");
            var time = Field(reader, file, "time_ms");
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var rowGroup = reader.OpenRowGroupReader(g);
                var n = checked((int)rowGroup.RowCount);
                var populations = new string?[n];
                var neurons = new int[n];
                var times = new double[n];
                await rowGroup.ReadAsync(population, populations.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
                await rowGroup.ReadAsync<int>(neuron, neurons.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
                await rowGroup.ReadAsync<double>(time, times.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < n; i++)
                {
                    result.Add(new SpikeRow(populations[i] ?? "", neurons[i], times[i]));
                }
            }
        }
    }

    /// <summary>Reads every row of a state file.</summary>
    public static async Task<IReadOnlyList<StateRow>> ReadStateRowsAsync(string path, CancellationToken cancellationToken = default)
    {
        var result = new List<StateRow>();
        foreach (var file in ParquetParts.Files(Resolve(path, ParquetStateSink.FileName)))
        {
            await ReadStateFileAsync(file, result, cancellationToken).ConfigureAwait(false);
        }
        return result;
    }

    private static async Task ReadStateFileAsync(string file, List<StateRow> result, CancellationToken cancellationToken)
    {
        var reader = await ParquetReader.CreateAsync(file, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var population = Field(reader, file, "population");
            var variable = Field(reader, file, "variable");
            var neuron = Field(reader, file, "neuron");
            var time = Field(reader, file, "time_ms");
            var value = Field(reader, file, "value");
            var unit = Field(reader, file, "unit");
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var rowGroup = reader.OpenRowGroupReader(g);
                var n = checked((int)rowGroup.RowCount);
                var populations = new string?[n];
                var variables = new string?[n];
                var neurons = new int[n];
                var times = new double[n];
                var values = new float[n];
                var units = new string?[n];
                await rowGroup.ReadAsync(population, populations.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
                await rowGroup.ReadAsync(variable, variables.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
                await rowGroup.ReadAsync<int>(neuron, neurons.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
                await rowGroup.ReadAsync<double>(time, times.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
                await rowGroup.ReadAsync<float>(value, values.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
                await rowGroup.ReadAsync(unit, units.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < n; i++)
                {
                    result.Add(new StateRow(populations[i] ?? "", variables[i] ?? "", neurons[i], times[i], values[i], units[i] ?? ""));
                }
            }
        }
    }

    /// <summary>The step of a time written as step · dt.</summary>
    public static long ToStep(double timeMs, double dt) => (long)Math.Round(timeMs / dt, MidpointRounding.AwayFromZero);

    private static string Resolve(string path, string fileName)
    {
        if (!Directory.Exists(path))
        {
            return path;
        }
        // The parts folder of a killed run names its file; the run directory holds the file.
        return path.EndsWith(ParquetParts.FolderSuffix, StringComparison.Ordinal)
            ? path[..^ParquetParts.FolderSuffix.Length]
            : Path.Combine(path, fileName);
    }

    private static DataField Field(ParquetReader reader, string file, string name) =>
        reader.Schema.DataFields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal))
        ?? throw new InvalidDataException($"{file}: no column '{name}'");

    private static string ProbeKey(string population, string variable) =>
        string.Create(CultureInfo.InvariantCulture, $"{population}\u0000{variable}");

    private static Dictionary<string, int> IndexBy<T>(IReadOnlyList<T> items, Func<T, string> key)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            index.TryAdd(key(items[i]), i);
        }
        return index;
    }
}
