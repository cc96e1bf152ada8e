namespace Cortex.Recording;

/// <summary>
/// Writes spikes to <c>DIR/spikes.parquet</c> with the columns <c>population</c> (string),
/// <c>neuron</c> (int32, index within the population) and <c>time_ms</c> (double, step · dt), one row per
/// spike in the order received. Readable by pandas/pyarrow (<c>pd.read_parquet</c>) and by
/// <see cref="ParquetRecordingReader"/>. Each <see cref="ParquetSinkBase.Flush"/> leaves a complete file, so a run
/// killed between flushes keeps every flushed spike. <see cref="ParquetSpikeEncoder"/> encodes the rows.
/// </summary>
/// <remarks>
/// Key-value metadata: <c>cortex.format</c> = <c>cortex.spikes/1</c>, <c>cortex.dt_ms</c>,
/// <c>cortex.populations</c> and <c>cortex.population_sizes</c> (JSON arrays), so the file alone also names
/// populations without spikes.
/// </remarks>
public sealed class ParquetSpikeSink : ParquetSinkBase, IRecordingWarmUp
{
    /// <summary>The file name inside the run directory.</summary>
    public const string FileName = "spikes.parquet";

    /// <summary>Value of the <c>cortex.format</c> metadata key.</summary>
    public const string Format = "cortex.spikes/1";

    /// <summary>Metadata key: JSON array of population names by index.</summary>
    public const string PopulationsKey = "cortex.populations";

    /// <summary>Metadata key: JSON array of population sizes by index.</summary>
    public const string PopulationSizesKey = "cortex.population_sizes";

    private string[] _names = [];
    private double _dt;
    private int _count;
    private int[] _population = [];
    private int[] _neuron = [];
    private double[] _time = [];

    /// <summary>A sink writing <paramref name="directory"/>/spikes.parquet (created on open).</summary>
    /// <param name="directory">The run's output directory; created if missing.</param>
    /// <param name="maxBufferedRows">Rows at which a row group is written without waiting for a flush.</param>
    public ParquetSpikeSink(string directory, int maxBufferedRows = DefaultMaxBufferedRows)
        : this(directory, maxBufferedRows, null)
    {
    }

    internal ParquetSpikeSink(string directory, int maxBufferedRows, Func<Stream, Stream>? wrap)
        : base(System.IO.Path.Combine(directory, FileName), maxBufferedRows, wrap)
    {
    }

    /// <inheritdoc />
    protected override int BufferedRows => _count;

    /// <summary>Buffers the spikes; writes a row group when <see cref="ParquetSinkBase.MaxBufferedRows"/> are buffered.</summary>
    public override void WriteSpikes(ReadOnlySpan<SpikeRecord> spikes)
    {
        EnsureWritable();
        var start = 0;
        while (start < spikes.Length)
        {
            var take = Math.Min(spikes.Length - start, Math.Max(1, MaxBufferedRows - (int)HeldRows));
            var part = spikes.Slice(start, take);
            EnsureCapacity(ref _population, _count + take);
            EnsureCapacity(ref _neuron, _count + take);
            EnsureCapacity(ref _time, _count + take);
            for (var i = 0; i < part.Length; i++)
            {
                var spike = part[i];
                if ((uint)spike.Population >= (uint)_names.Length)
                {
                    throw new ArgumentOutOfRangeException(nameof(spikes), $"spike of population {spike.Population}, but the layout has {_names.Length} populations");
                }
                _population[_count] = spike.Population;
                _neuron[_count] = spike.Neuron;
                _time[_count] = spike.Step * _dt;
                _count++;
            }
            start += take;
            FlushIfFull();
        }
    }

    /// <summary>Ignores state samples (see <see cref="ParquetStateSink"/>).</summary>
    public override void WriteSamples(ReadOnlySpan<StateSample> samples)
    {
    }

    /// <summary>Encodes dummy spikes into a throwaway stream (see <see cref="IRecordingWarmUp"/>); call after <see cref="ParquetSinkBase.Open"/>, before any spike.</summary>
    public void WarmUp()
    {
        EnsureWritable();
        if (_names.Length == 0)
        {
            return;
        }
        // Thousands of rows, not one: the JIT first compiles the encoder's loops unoptimised, and only a loop that runs
        // long enough is replaced by optimised code (on-stack replacement), so the first real chunk encodes at full speed.
        const int Rows = 4096;
        var population = new int[Rows];
        var neuron = new int[Rows];
        var time = new double[Rows];
        for (var i = 0; i < Rows; i++) (population[i], neuron[i], time[i]) = (i / 64 % _names.Length, i % 64, i / 64 * _dt);
        var encoder = new ParquetSpikeEncoder(_names, new Dictionary<string, string>(StringComparer.Ordinal));
        encoder.Begin(Stream.Null);
        encoder.WriteRowGroup(population, neuron, time);
        encoder.End();
    }

    private protected override void OnOpen(RecordingLayout layout)
    {
        _names = [.. layout.Populations];
        _dt = layout.Dt;
    }

    private protected override void AddMetadata(Dictionary<string, string> metadata)
    {
        metadata[FormatKey] = Format;
        metadata[PopulationsKey] = ParquetMetadataJson.Strings(Layout.Populations);
        metadata[PopulationSizesKey] = ParquetMetadataJson.Integers(Layout.PopulationSizes);
    }

    private protected override Func<string, int, ParquetPartFile> PartFactory(Dictionary<string, string> metadata, Func<Stream, Stream>? wrap)
    {
        var encoder = new ParquetSpikeEncoder(_names, metadata);
        return (folder, index) => new ParquetSpikePart(folder, index, encoder, wrap);
    }

    private protected override void EncodeRowGroup(ParquetPartFile part) =>
        ((ParquetSpikePart)part).AddRowGroup(_population.AsSpan(0, _count), _neuron.AsSpan(0, _count), _time.AsSpan(0, _count));

    private protected override void ClearBuffer() => _count = 0;
}
