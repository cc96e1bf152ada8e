using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace Cortex.Recording;

/// <summary>
/// <c>layout.parquet</c>: one row per neuron (population, neuron id as in <c>spikes.parquet</c>, region, x, y, z in µm,
/// position source), with the bundles between regions in the file's metadata. Written once, before the run.
/// </summary>
public static class ParquetLayoutFile
{
    /// <summary>File name beside <c>spikes.parquet</c>.</summary>
    public const string FileName = "layout.parquet";

    /// <summary>Value of the <c>cortex.format</c> metadata key.</summary>
    public const string Format = "cortex.layout/1";

    /// <summary>Metadata key: JSON array of [from region, to region, weight] bundles.</summary>
    public const string BundlesKey = "cortex.bundles";

    private static readonly ParquetSchema Schema = new(
        new DataField<string>("population", nullable: false),
        new DataField<int>("neuron"),
        new DataField<string>("region", nullable: true),
        new DataField<float>("x_um"),
        new DataField<float>("y_um"),
        new DataField<float>("z_um"),
        new DataField<string>("source", nullable: false));

    /// <summary>Writes <paramref name="layout"/> to <c>layout.parquet</c> in <paramref name="directory"/>; returns the file's path.</summary>
    public static string Write(string directory, NeuronLayout layout)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(layout);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var n = layout.NeuronCount;
        var population = new string[n];
        var neuron = new int[n];
        var region = new string?[n];
        var x = new float[n];
        var y = new float[n];
        var z = new float[n];
        var source = new string[n];
        var row = 0;
        foreach (var p in layout.Populations)
        {
            var sourceName = SourceName(p.Source);
            var regions = p.RegionOfNeuron();
            for (var i = 0; i < p.Size; i++, row++)
            {
                population[row] = p.Name;
                neuron[row] = i;
                region[row] = regions[i];
                x[row] = p.Positions[3 * i];
                y[row] = p.Positions[3 * i + 1];
                z[row] = p.Positions[3 * i + 2];
                source[row] = sourceName;
            }
        }
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ParquetSinkBase.FormatKey] = Format,
            [BundlesKey] = ParquetMetadataJson.Bundles(layout.Bundles),
        };
        var temporary = path + ".tmp";
        SyncOverAsync.Run(async () =>
        {
            var stream = File.Create(temporary);
            await using (stream.ConfigureAwait(false))
            {
                var writer = await ParquetWriter.CreateAsync(Schema, stream).ConfigureAwait(false);
                await using (writer.ConfigureAwait(false))
                {
                    writer.CustomMetadata = metadata;
                    using var group = writer.CreateRowGroup();
                    var fields = Schema.DataFields;
                    await group.WriteAsync(fields[0], population).ConfigureAwait(false);
                    await group.WriteAsync<int>(fields[1], neuron.AsMemory()).ConfigureAwait(false);
                    await group.WriteAsync(fields[2], region).ConfigureAwait(false);
                    await group.WriteAsync<float>(fields[3], x.AsMemory()).ConfigureAwait(false);
                    await group.WriteAsync<float>(fields[4], y.AsMemory()).ConfigureAwait(false);
                    await group.WriteAsync<float>(fields[5], z.AsMemory()).ConfigureAwait(false);
                    await group.WriteAsync(fields[6], source).ConfigureAwait(false);
                }
            }
        });
        // Renamed into place so that a reader never sees half a layout.
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    /// <summary>Reads a layout file (or the run directory holding it).</summary>
    /// <exception cref="FileNotFoundException">No layout file.</exception>
    /// <exception cref="InvalidDataException">The file is not a readable layout (truncated, wrong columns, neuron ids out of order).</exception>
    public static NeuronLayout Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = Directory.Exists(path) ? Path.Combine(path, FileName) : path;
        if (!File.Exists(file)) throw new FileNotFoundException($"{file}: no layout file", file);
        try
        {
            return SyncOverAsync.Run(() => ReadAsync(file));
        }
        catch (Exception e) when (e is IOException or ParquetException or InvalidOperationException or JsonException or ArgumentException && e is not FileNotFoundException)
        {
            throw new InvalidDataException($"{file}: not a readable layout file ({e.Message})", e);
        }
    }

    private static async Task<NeuronLayout> ReadAsync(string file)
    {
        var reader = await ParquetReader.CreateAsync(file).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var fields = Schema.DataFields.Select(f => reader.Schema.DataFields.FirstOrDefault(r => r.Name == f.Name)
                ?? throw new InvalidDataException($"{file}: no column '{f.Name}'")).ToArray();
            var populations = new List<(string Name, PositionSource Source, List<float> Positions, List<RegionBlock> Regions)>();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var n = checked((int)group.RowCount);
                var population = new string?[n];
                var neuron = new int[n];
                var region = new string?[n];
                var x = new float[n];
                var y = new float[n];
                var z = new float[n];
                var source = new string?[n];
                await group.ReadAsync(fields[0], population.AsMemory()).ConfigureAwait(false);
                await group.ReadAsync<int>(fields[1], neuron.AsMemory()).ConfigureAwait(false);
                await group.ReadAsync(fields[2], region.AsMemory()).ConfigureAwait(false);
                await group.ReadAsync<float>(fields[3], x.AsMemory()).ConfigureAwait(false);
                await group.ReadAsync<float>(fields[4], y.AsMemory()).ConfigureAwait(false);
                await group.ReadAsync<float>(fields[5], z.AsMemory()).ConfigureAwait(false);
                await group.ReadAsync(fields[6], source.AsMemory()).ConfigureAwait(false);
                for (var i = 0; i < n; i++)
                {
                    var name = population[i] ?? "";
                    if (populations.Count == 0 || populations[^1].Name != name)
                    {
                        if (populations.Any(p => p.Name == name))
                        {
                            throw new InvalidDataException($"{file}: the rows of population '{name}' are not contiguous");
                        }
                        populations.Add((name, ParseSource(source[i], file), [], []));
                    }
                    var current = populations[^1];
                    if (region[i] is { } regionName)
                    {
                        var blocks = current.Regions;
                        if (blocks.Count > 0 && blocks[^1].Region == regionName && SumOf(blocks) == current.Positions.Count / 3)
                        {
                            blocks[^1] = blocks[^1] with { Count = blocks[^1].Count + 1 };
                        }
                        else if (SumOf(blocks) == current.Positions.Count / 3)
                        {
                            blocks.Add(new RegionBlock(regionName, 1));
                        }
                        else
                        {
                            throw new InvalidDataException($"{file}: population '{name}' has neurons without a region before neuron {neuron[i]}");
                        }
                    }
                    if (neuron[i] != current.Positions.Count / 3)
                    {
                        throw new InvalidDataException($"{file}: population '{name}' row {current.Positions.Count / 3} has neuron id {neuron[i]}");
                    }
                    current.Positions.Add(x[i]);
                    current.Positions.Add(y[i]);
                    current.Positions.Add(z[i]);
                }
            }
            var bundles = new List<ProjectionBundle>();
            if (reader.CustomMetadata.TryGetValue(BundlesKey, out var json))
            {
                foreach (var item in JsonSerializer.Deserialize<JsonElement[][]>(json) ?? [])
                {
                    bundles.Add(new ProjectionBundle(item[0].GetString() ?? "", item[1].GetString() ?? "", item[2].GetDouble()));
                }
            }
            return new NeuronLayout(
                [.. populations.Select(p => new PopulationLayout(p.Name, p.Source, [.. p.Positions], p.Regions))],
                bundles);
        }
    }

    private static int SumOf(List<RegionBlock> blocks)
    {
        var sum = 0;
        foreach (var b in blocks) sum += b.Count;
        return sum;
    }

    /// <summary>The name written in the <c>source</c> column.</summary>
    public static string SourceName(PositionSource source) => source switch
    {
        PositionSource.Spec => "spec",
        PositionSource.Circuit => "circuit",
        PositionSource.Connectome => "connectome",
        _ => "default",
    };

    private static PositionSource ParseSource(string? name, string file) => name switch
    {
        "spec" => PositionSource.Spec,
        "circuit" => PositionSource.Circuit,
        "connectome" => PositionSource.Connectome,
        "default" => PositionSource.Default,
        _ => throw new InvalidDataException($"{file}: unknown position source '{name}'"),
    };
}
