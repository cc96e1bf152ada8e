using Cortex.Units;
using Parquet;
using Parquet.Schema;

namespace Cortex.Recording;

/// <summary>
/// Writes state samples to <c>DIR/state.parquet</c> with the columns <c>population</c> (string),
/// <c>variable</c> (string), <c>neuron</c> (int32), <c>time_ms</c> (double, step · dt), <c>value</c> (float, in
/// the probe's unit) and <c>unit</c> (string, the probe's <see cref="StateProbeInfo.Unit"/>), one row per sample
/// in the order received. Flushing works as for <see cref="ParquetSpikeSink"/>.
/// </summary>
/// <remarks>
/// Samples arrive in internal units (mV, nA, µS, ...); a value is divided by the factor of the probe's unit
/// from <see cref="UnitTable"/> (so a probe in "V" gets volts), and written unchanged when the unit is an
/// internal one or unknown to the table. Key-value metadata: <c>cortex.format</c> = <c>cortex.state/1</c>,
/// <c>cortex.dt_ms</c>, <c>cortex.probes</c> (JSON array of {population, variable, unit}).
/// </remarks>
public sealed class ParquetStateSink : ParquetSinkBase, IRecordingWarmUp
{
    /// <summary>The file name inside the run directory.</summary>
    public const string FileName = "state.parquet";

    /// <summary>Value of the <c>cortex.format</c> metadata key.</summary>
    public const string Format = "cortex.state/1";

    /// <summary>Metadata key: JSON array of the probes ({population, variable, unit}) by index.</summary>
    public const string ProbesKey = "cortex.probes";

    private StateProbeInfo[] _probes = [];
    private double[] _scale = [];
    private double _dt;
    private int _count;
    private int[] _probe = [];
    private int[] _neuron = [];
    private double[] _time = [];
    private float[] _value = [];
    private ReadOnlyMemory<char>[] _stringColumn = [];

    /// <summary>A sink writing <paramref name="directory"/>/state.parquet (created on open).</summary>
    /// <param name="directory">The run's output directory; created if missing.</param>
    /// <param name="maxBufferedRows">Rows at which a row group is written without waiting for a flush.</param>
    public ParquetStateSink(string directory, int maxBufferedRows = DefaultMaxBufferedRows)
        : this(directory, maxBufferedRows, null)
    {
    }

    internal ParquetStateSink(string directory, int maxBufferedRows, Func<Stream, Stream>? wrap)
        : base(System.IO.Path.Combine(directory, FileName), maxBufferedRows, wrap)
    {
    }

    /// <inheritdoc />
    protected override int BufferedRows => _count;

    /// <summary>The factor that converts a value in <paramref name="unit"/> to internal units (1 when unknown).</summary>
    public static double UnitFactor(string unit) =>
        UnitTable.TryGet(unit, out _, out var factor) && factor > 0 ? factor : 1.0;

    /// <summary>Ignores spikes (see <see cref="ParquetSpikeSink"/>).</summary>
    public override void WriteSpikes(ReadOnlySpan<SpikeRecord> spikes)
    {
    }

    /// <summary>Buffers the samples; writes a row group when <see cref="ParquetSinkBase.MaxBufferedRows"/> are buffered.</summary>
    public override void WriteSamples(ReadOnlySpan<StateSample> samples)
    {
        EnsureWritable();
        var start = 0;
        while (start < samples.Length)
        {
            var take = Math.Min(samples.Length - start, Math.Max(1, MaxBufferedRows - (int)HeldRows));
            var part = samples.Slice(start, take);
            EnsureCapacity(ref _probe, _count + take);
            EnsureCapacity(ref _neuron, _count + take);
            EnsureCapacity(ref _time, _count + take);
            EnsureCapacity(ref _value, _count + take);
            for (var i = 0; i < part.Length; i++)
            {
                var sample = part[i];
                if ((uint)sample.Probe >= (uint)_probes.Length)
                {
                    throw new ArgumentOutOfRangeException(nameof(samples), $"sample of probe {sample.Probe}, but the layout has {_probes.Length} state probes");
                }
                var scale = _scale[sample.Probe];
                _probe[_count] = sample.Probe;
                _neuron[_count] = sample.Neuron;
                _time[_count] = sample.Step * _dt;
                _value[_count] = scale == 1.0 ? sample.Value : (float)(sample.Value / scale);
                _count++;
            }
            start += take;
            FlushIfFull();
        }
    }

    /// <summary>Encodes dummy samples into memory (see <see cref="IRecordingWarmUp"/>); call after <see cref="ParquetSinkBase.Open"/>, before any sample.</summary>
    public void WarmUp()
    {
        EnsureWritable();
        if (_count != 0 || _probes.Length == 0)
        {
            return;
        }
        // As many rows as the spike sink's warm-up, for the same reason (see ParquetSpikeSink.WarmUp).
        const int Rows = ParquetEncoderWarmUp.Rows;
        EnsureCapacity(ref _probe, Rows);
        EnsureCapacity(ref _neuron, Rows);
        EnsureCapacity(ref _time, Rows);
        EnsureCapacity(ref _value, Rows);
        for (var i = 0; i < Rows; i++) (_probe[i], _neuron[i], _time[i], _value[i]) = (i % _probes.Length, i, i * 0.1, i);
        _count = Rows;
        try
        {
            ParquetEncoderWarmUp.Run(CreateSchema(), WriteColumnsAsync);
        }
        finally
        {
            _count = 0;
        }
    }

    private protected override void OnOpen(RecordingLayout layout)
    {
        _probes = [.. layout.StateProbes];
        _scale = [.. _probes.Select(p => UnitFactor(p.Unit))];
        _dt = layout.Dt;
    }

    private static ParquetSchema CreateSchema() => new(
        new DataField<string>("population", nullable: false),
        new DataField<string>("variable", nullable: false),
        new DataField<int>("neuron"),
        new DataField<double>("time_ms"),
        new DataField<float>("value"),
        new DataField<string>("unit", nullable: false));

    private protected override void AddMetadata(Dictionary<string, string> metadata)
    {
        metadata[FormatKey] = Format;
        metadata[ProbesKey] = ParquetMetadataJson.Objects(Layout.StateProbes.Select(p => new KeyValuePair<string, string>[]
        {
            new("population", p.Population),
            new("variable", p.Variable),
            new("unit", p.Unit),
        }));
    }

    private protected override Func<string, int, ParquetPartFile> PartFactory(Dictionary<string, string> metadata, Func<Stream, Stream>? wrap)
    {
        var schema = CreateSchema();
        return (folder, index) => new ParquetNetPart(folder, index, schema, metadata, wrap);
    }

    private protected override void EncodeRowGroup(ParquetPartFile part) => ((ParquetNetPart)part).AddRowGroup(_count, WriteColumnsAsync);

    private async Task WriteColumnsAsync(ParquetRowGroupWriter rowGroup, ParquetSchema schema)
    {
        var fields = schema.DataFields;
        await rowGroup.WriteAsync<ReadOnlyMemory<char>>(fields[0], StringColumn(p => p.Population)).ConfigureAwait(false);
        await rowGroup.WriteAsync<ReadOnlyMemory<char>>(fields[1], StringColumn(p => p.Variable)).ConfigureAwait(false);
        await rowGroup.WriteAsync<int>(fields[2], _neuron.AsMemory(0, _count)).ConfigureAwait(false);
        await rowGroup.WriteAsync<double>(fields[3], _time.AsMemory(0, _count)).ConfigureAwait(false);
        await rowGroup.WriteAsync<float>(fields[4], _value.AsMemory(0, _count)).ConfigureAwait(false);
        await rowGroup.WriteAsync<ReadOnlyMemory<char>>(fields[5], StringColumn(p => p.Unit)).ConfigureAwait(false);
    }

    private protected override void ClearBuffer() => _count = 0;

    // One reused array; each column is written before the next one is built. Character memory rather than strings:
    // Parquet.Net writes it without converting each value (see ParquetSpikeSink).
    private ReadOnlyMemory<ReadOnlyMemory<char>> StringColumn(Func<StateProbeInfo, string> select)
    {
        EnsureCapacity(ref _stringColumn, _count);
        var names = _probes.Select(probe => select(probe).AsMemory()).ToArray();
        for (var i = 0; i < _count; i++)
        {
            _stringColumn[i] = names[_probe[i]];
        }
        return _stringColumn.AsMemory(0, _count);
    }
}
