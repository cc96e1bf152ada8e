using Cortex.Compilation;
using Parquet;
using Parquet.Schema;

namespace Cortex.Recording;

/// <summary>
/// A weights file (<c>cortex run --save-weights FILE</c>): one row per synapse of each projection written, in the
/// one-process synapse-table order whatever the number of MPI ranks: projection name, synapse index in its table, source
/// and target neuron (population-local ids, as in <c>spikes.parquet</c>), delay (ms) and weight (the synapse model's
/// internal weight unit, as <c>GetWeights</c> returns it).
/// </summary>
public static class ParquetWeightsFile
{
    /// <summary>Value of the <c>cortex.format</c> metadata key.</summary>
    public const string Format = "cortex.weights/1";

    private static readonly ParquetSchema Schema = new(
        new DataField<string>("projection", nullable: false),
        new DataField<int>("synapse"),
        new DataField<int>("source"),
        new DataField<int>("target"),
        new DataField<float>("delay_ms"),
        new DataField<float>("weight"));

    /// <summary>One synapse as read back.</summary>
    public readonly record struct Row(string Projection, int Synapse, int Source, int Target, float DelayMs, float Weight);

    /// <summary>Writes the named projections (one row group each) to <paramref name="path"/>, atomically.</summary>
    public static void Write(string path, IReadOnlyList<(string Projection, SynapseTable Table)> projections, double dt)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(projections);
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory) Directory.CreateDirectory(directory);
        var temporary = path + ".tmp";
        SyncOverAsync.Run(async () =>
        {
            var stream = File.Create(temporary);
            await using (stream.ConfigureAwait(false))
            {
                var writer = await ParquetWriter.CreateAsync(Schema, stream).ConfigureAwait(false);
                await using (writer.ConfigureAwait(false))
                {
                    writer.CustomMetadata = new Dictionary<string, string>(StringComparer.Ordinal) { [ParquetSinkBase.FormatKey] = Format };
                    foreach (var (name, table) in projections)
                    {
                        var n = table.Count;
                        var names = new string[n];
                        Array.Fill(names, name);
                        var sources = new int[n];
                        for (var s = 0; s < table.Sources; s++) sources.AsSpan(table.RowStart[s], table.RowStart[s + 1] - table.RowStart[s]).Fill(s);
                        var delays = new float[n];
                        for (var k = 0; k < n; k++) delays[k] = (float)(table.DelaySteps[k] * dt);
                        var fields = Schema.DataFields;
                        using var group = writer.CreateRowGroup();
                        await group.WriteAsync(fields[0], names).ConfigureAwait(false);
                        await group.WriteAsync<int>(fields[1], Enumerable.Range(0, n).ToArray().AsMemory()).ConfigureAwait(false);
                        await group.WriteAsync<int>(fields[2], sources.AsMemory()).ConfigureAwait(false);
                        await group.WriteAsync<int>(fields[3], table.Targets.AsMemory()).ConfigureAwait(false);
                        await group.WriteAsync<float>(fields[4], delays.AsMemory()).ConfigureAwait(false);
                        await group.WriteAsync<float>(fields[5], table.Weights.AsMemory()).ConfigureAwait(false);
                    }
                }
            }
        });
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads every row of a weights file.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Not a readable weights file.</exception>
    public static IReadOnlyList<Row> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no weights file", path);
        try
        {
            return SyncOverAsync.Run(() => ReadAsync(path));
        }
        catch (Exception e) when (e is IOException or ParquetException or InvalidOperationException or ArgumentException && e is not FileNotFoundException)
        {
            throw new InvalidDataException($"{path}: not a readable weights file ({e.Message})", e);
        }
    }

    private static async Task<IReadOnlyList<Row>> ReadAsync(string file)
    {
        var reader = await ParquetReader.CreateAsync(file).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var fields = Schema.DataFields.Select(f => reader.Schema.DataFields.FirstOrDefault(r => r.Name == f.Name)
                ?? throw new InvalidDataException($"{file}: no column '{f.Name}'")).ToArray();
            var rows = new List<Row>();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var n = checked((int)group.RowCount);
                var names = new string?[n];
                var synapse = new int[n];
                var source = new int[n];
                var target = new int[n];
                var delay = new float[n];
                var weight = new float[n];
                await group.ReadAsync(fields[0], names.AsMemory()).ConfigureAwait(false);
                await group.ReadAsync<int>(fields[1], synapse.AsMemory()).ConfigureAwait(false);
                await group.ReadAsync<int>(fields[2], source.AsMemory()).ConfigureAwait(false);
                await group.ReadAsync<int>(fields[3], target.AsMemory()).ConfigureAwait(false);
                await group.ReadAsync<float>(fields[4], delay.AsMemory()).ConfigureAwait(false);
                await group.ReadAsync<float>(fields[5], weight.AsMemory()).ConfigureAwait(false);
                for (var i = 0; i < n; i++) rows.Add(new Row(names[i] ?? "", synapse[i], source[i], target[i], delay[i], weight[i]));
            }
            return rows;
        }
    }
}
