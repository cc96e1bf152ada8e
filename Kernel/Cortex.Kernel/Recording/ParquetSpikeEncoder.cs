using System.Buffers.Binary;
using System.Numerics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Cortex.Recording.Thrift;

namespace Cortex.Recording;

/// <summary>
/// Encodes the spikes file's three columns as Parquet directly: <c>population</c> as a dictionary of the layout's
/// population names with run-length-encoded indices, <c>time_ms</c> (double) as a dictionary of its runs' values (the
/// spikes of a step share their time) with run-length-encoded indices, and <c>neuron</c> (int32) as plain little-endian
/// values; one data page per column and row group, uncompressed. The file is the one Parquet.Net wrote before (same
/// columns, types, logical types and metadata; format <c>cortex.spikes/1</c>), read by pyarrow, Arrow's C++ reader and
/// Parquet.Net alike.
/// </summary>
/// <remarks>
/// Why not Parquet.Net: it cost the writer thread about 0.1–0.2 µs a spike, most of it turning each row's population
/// name into bytes, hashing it for a dictionary and updating string statistics; on a machine with every core busy that
/// time is taken from the simulation. Spikes come in runs of one population and one step, so two of the columns are a
/// few run headers a row group and the third is a copy of the sink's array. Page headers and the footer are
/// parquet-format's Thrift structs (<c>parquet.thrift</c>), written with the compact protocol. One encoder serves a
/// sink's parts one after another: <see cref="Begin"/> starts a file, <see cref="End"/> finishes it.
/// </remarks>
internal sealed class ParquetSpikeEncoder
{
    // parquet.thrift enums.
    private const int TypeInt32 = 1, TypeDouble = 5, TypeByteArray = 6;
    private const int RepetitionRequired = 0;
    private const int ConvertedUtf8 = 0;
    private const int EncodingPlain = 0, EncodingRle = 3, EncodingRleDictionary = 8;
    private const int PageData = 0, PageDictionary = 2;
    private const int CodecUncompressed = 0;

    private static ReadOnlySpan<byte> Magic => "PAR1"u8;

    private static readonly string CreatedBy =
        $"Cortex version {typeof(ParquetSpikeEncoder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0.0"}";

    private readonly int _populations;
    private readonly int _bitWidth;
    // The dictionary page's values: each population name as PLAIN byte arrays (a 4-byte length, then its UTF-8 bytes).
    private readonly byte[] _dictionary;
    private readonly List<object> _schema;
    private readonly List<object> _metadata;
    private readonly List<object> _columnOrders;
    // Buffers kept between row groups: the population and time indices' runs, and the time dictionary.
    private byte[] _indices = [];
    private byte[] _timeIndices = [];
    private double[] _timeDictionary = [];

    // The file being written.
    private Stream? _output;
    private long _position;
    private long _rows;
    private readonly List<object> _rowGroups = [];

    /// <param name="populations">The population names, by index: the dictionary.</param>
    /// <param name="metadata">The file's key-value metadata.</param>
    public ParquetSpikeEncoder(IReadOnlyList<string> populations, IReadOnlyDictionary<string, string> metadata)
    {
        _populations = populations.Count;
        _bitWidth = BitWidth(_populations);
        using (var dictionary = new MemoryStream())
        {
            Span<byte> length = stackalloc byte[4];
            foreach (var name in populations)
            {
                var bytes = Encoding.UTF8.GetBytes(name);
                BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
                dictionary.Write(length);
                dictionary.Write(bytes);
            }
            _dictionary = dictionary.ToArray();
        }
        _schema =
        [
            new ThriftStruct().Text(4, "schema").I32(5, 3),
            new ThriftStruct().I32(1, TypeByteArray).I32(3, RepetitionRequired).Text(4, "population").I32(6, ConvertedUtf8)
                .Struct(10, new ThriftStruct().Struct(1, new ThriftStruct())),   // LogicalType STRING
            new ThriftStruct().I32(1, TypeInt32).I32(3, RepetitionRequired).Text(4, "neuron"),
            new ThriftStruct().I32(1, TypeDouble).I32(3, RepetitionRequired).Text(4, "time_ms"),
        ];
        _metadata = [.. metadata.Select(entry => (object)new ThriftStruct().Text(1, entry.Key).Text(2, entry.Value))];
        // Every column compares by its type's order (TypeDefinedOrder), so readers trust the min/max statistics.
        _columnOrders = [.. Enumerable.Range(0, 3).Select(_ => (object)new ThriftStruct().Struct(1, new ThriftStruct()))];
    }

    /// <summary>Starts a file on <paramref name="output"/>: its magic bytes.</summary>
    public void Begin(Stream output)
    {
        if (_output is not null)
        {
            throw new InvalidOperationException("the spike encoder is already writing a file");
        }
        _output = output;
        _position = 0;
        _rows = 0;
        _rowGroups.Clear();
        Write(Magic);
    }

    /// <summary>Writes one row group: the three columns, row by row.</summary>
    /// <exception cref="ArgumentException">The columns differ in length, or a population index is outside the dictionary.</exception>
    public void WriteRowGroup(ReadOnlySpan<int> population, ReadOnlySpan<int> neuron, ReadOnlySpan<double> time)
    {
        if (_output is null)
        {
            throw new InvalidOperationException("the spike encoder has no file (Begin first)");
        }
        var rows = population.Length;
        if (neuron.Length != rows || time.Length != rows)
        {
            throw new ArgumentException($"columns of {rows}, {neuron.Length} and {time.Length} rows");
        }
        if (rows == 0)
        {
            return;
        }
        var start = _position;
        var populationColumn = WritePopulation(population);
        var neuronColumn = WritePlain(TypeInt32, "neuron", rows, MemoryMarshal.AsBytes(neuron), Statistics<int>(neuron, 4, BinaryPrimitives.WriteInt32LittleEndian));
        var timeColumn = WriteTime(time);
        var bytes = _position - start;
        _rowGroups.Add(new ThriftStruct()
            .List(1, ThriftCompact.Struct, [populationColumn, neuronColumn, timeColumn])
            .I64(2, bytes)
            .I64(3, rows)
            .I64(5, start)
            .I64(6, bytes));
        _rows += rows;
    }

    /// <summary>Writes the footer; the file is then complete.</summary>
    public void End()
    {
        if (_output is null)
        {
            throw new InvalidOperationException("the spike encoder has no file (Begin first)");
        }
        var footer = new ThriftStruct()
            .I32(1, 1)
            .List(2, ThriftCompact.Struct, _schema)
            .I64(3, _rows)
            .List(4, ThriftCompact.Struct, _rowGroups)
            .List(5, ThriftCompact.Struct, _metadata)
            .Text(6, CreatedBy)
            .List(7, ThriftCompact.Struct, _columnOrders);
        var length = WriteThrift(footer);
        Span<byte> tail = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(tail, length);
        Magic.CopyTo(tail[4..]);
        Write(tail);
        Abandon();
    }

    /// <summary>Forgets the file being written (after <see cref="End"/>, or when its part is given up).</summary>
    public void Abandon()
    {
        _output = null;
        _rowGroups.Clear();
    }

    // The names are the dictionary and the population indices its indices.
    private ThriftStruct WritePopulation(ReadOnlySpan<int> population)
    {
        var runs = new RunWriter(ref _indices, population.Length, _bitWidth);
        var run = 0;
        while (run < population.Length)
        {
            var value = population[run];
            if ((uint)value >= (uint)_populations)
            {
                throw new ArgumentException($"population index {value} at row {run}, but the dictionary has {_populations} names", nameof(population));
            }
            var end = run + 1;
            while (end < population.Length && population[end] == value) end++;
            runs.Add(end - run, value);
            run = end;
        }
        return WriteDictionaryColumn(TypeByteArray, "population", population.Length, _dictionary, _populations, runs.Bytes, statistics: null);
    }

    // Spikes of one step share their time, so the time column is a dictionary of each run's value with one index a
    // run (at 64,000 neurons a run is about 36 rows: a few bits a row instead of eight bytes); plain when runs are
    // too short for that to pay.
    private ThriftStruct WriteTime(ReadOnlySpan<double> time)
    {
        var rows = time.Length;
        var count = 1;
        for (var i = 1; i < rows; i++)
        {
            if (!Same(time[i], time[i - 1])) count++;
        }
        var bitWidth = BitWidth(count);
        // Eight bytes of dictionary and a run header (at most 5 bytes) with its index a run, against eight bytes a row.
        if ((long)count * (13 + (bitWidth + 7) / 8) >= 8L * rows)
        {
            return WritePlain(TypeDouble, "time_ms", rows, MemoryMarshal.AsBytes(time), Statistics<double>(time, 8, BinaryPrimitives.WriteDoubleLittleEndian));
        }
        if (_timeDictionary.Length < count) _timeDictionary = new double[Math.Max(count, _timeDictionary.Length * 2)];
        var dictionary = _timeDictionary.AsSpan(0, count);
        var runs = new RunWriter(ref _timeIndices, count, bitWidth);
        var run = 0;
        for (var index = 0; index < count; index++)
        {
            var end = run + 1;
            while (end < rows && Same(time[end], time[run])) end++;
            dictionary[index] = time[run];
            runs.Add(end - run, index);
            run = end;
        }
        var statistics = Statistics<double>(dictionary, 8, BinaryPrimitives.WriteDoubleLittleEndian);
        if (!BitConverter.IsLittleEndian)
        {
            return WriteDictionaryColumn(TypeDouble, "time_ms", rows, LittleEndianCopy(MemoryMarshal.AsBytes(dictionary), 8), count, runs.Bytes, statistics);
        }
        return WriteDictionaryColumn(TypeDouble, "time_ms", rows, MemoryMarshal.AsBytes(dictionary), count, runs.Bytes, statistics);
    }

    // Bitwise, so a run never joins values that compare equal but read back differently (0.0 and -0.0).
    private static bool Same(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    // At least one bit: some readers take a width of 0 for a broken page.
    private static int BitWidth(int values) => Math.Max(1, 32 - int.LeadingZeroCount(Math.Max(0, values - 1)));

    // A dictionary page (PLAIN values) and a data page of RLE-encoded indices into it.
    private ThriftStruct WriteDictionaryColumn(int type, string name, int rows, ReadOnlySpan<byte> dictionary, int dictionaryValues, ReadOnlySpan<byte> indices, ThriftStruct? statistics)
    {
        var dictionaryOffset = _position;
        WritePageHeader(new ThriftStruct().I32(1, PageDictionary).I32(2, dictionary.Length).I32(3, dictionary.Length)
            .Struct(7, new ThriftStruct().I32(1, dictionaryValues).I32(2, EncodingPlain)));
        Write(dictionary);
        var dataOffset = _position;
        WritePageHeader(DataPageHeader(indices.Length, rows, EncodingRleDictionary));
        Write(indices);
        return ColumnChunk(type, [EncodingPlain, EncodingRle, EncodingRleDictionary], name, rows, dictionaryOffset, dataOffset, dictionaryOffset, statistics);
    }

    private ThriftStruct WritePlain(int type, string name, int rows, ReadOnlySpan<byte> values, ThriftStruct statistics)
    {
        var offset = _position;
        WritePageHeader(DataPageHeader(values.Length, rows, EncodingPlain));
        Write(BitConverter.IsLittleEndian ? values : LittleEndianCopy(values, type == TypeDouble ? 8 : 4));
        return ColumnChunk(type, [EncodingPlain], name, rows, offset, offset, dictionaryOffset: null, statistics);
    }

    private static ThriftStruct DataPageHeader(int bytes, int rows, int encoding) =>
        new ThriftStruct().I32(1, PageData).I32(2, bytes).I32(3, bytes)
            .Struct(5, new ThriftStruct().I32(1, rows).I32(2, encoding).I32(3, EncodingRle).I32(4, EncodingRle));

    private ThriftStruct ColumnChunk(int type, int[] encodings, string name, int rows, long start, long dataOffset, long? dictionaryOffset, ThriftStruct? statistics)
    {
        var size = _position - start;
        var meta = new ThriftStruct()
            .I32(1, type)
            .List(2, ThriftCompact.I32, encodings.Select(e => (object)e))
            .List(3, ThriftCompact.Binary, [Encoding.UTF8.GetBytes(name)])
            .I32(4, CodecUncompressed)
            .I64(5, rows)
            .I64(6, size)
            .I64(7, size)
            .I64(9, dataOffset);
        if (dictionaryOffset is { } dictionary) meta.I64(11, dictionary);
        if (statistics is not null) meta.Struct(12, statistics);
        return new ThriftStruct().I64(2, start).Struct(3, meta);
    }

    // null_count, max_value and min_value, each in the column's plain encoding. Time is never NaN and neuron indices
    // are integers, so plain comparisons (vectorised) give the order readers use.
    private static ThriftStruct Statistics<T>(ReadOnlySpan<T> values, int size, SpanAction<T> write)
        where T : unmanaged, INumber<T>
    {
        var (min, max) = (values[0], values[0]);
        var i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= 2 * Vector<T>.Count)
        {
            var vectors = MemoryMarshal.Cast<T, Vector<T>>(values);
            var (low, high) = (vectors[0], vectors[0]);
            foreach (var vector in vectors[1..])
            {
                low = Vector.Min(low, vector);
                high = Vector.Max(high, vector);
            }
            for (var lane = 0; lane < Vector<T>.Count; lane++)
            {
                min = T.Min(min, low[lane]);
                max = T.Max(max, high[lane]);
            }
            i = vectors.Length * Vector<T>.Count;
        }
        for (; i < values.Length; i++)
        {
            min = T.Min(min, values[i]);
            max = T.Max(max, values[i]);
        }
        var (maxBytes, minBytes) = (new byte[size], new byte[size]);
        write(maxBytes, max);
        write(minBytes, min);
        return new ThriftStruct().I64(3, 0).Binary(5, maxBytes).Binary(6, minBytes);
    }

    private delegate void SpanAction<in T>(Span<byte> destination, T value);

    // A big-endian machine: each value's bytes reversed into little-endian order.
    private static byte[] LittleEndianCopy(ReadOnlySpan<byte> values, int size)
    {
        var copy = values.ToArray();
        for (var i = 0; i < copy.Length; i += size) copy.AsSpan(i, size).Reverse();
        return copy;
    }

    /// <summary>
    /// Indices as the RLE/bit-packing hybrid's RLE runs, after a byte of bit width: each run is a varint of its length
    /// shifted left once, then the index in whole little-endian bytes.
    /// </summary>
    private ref struct RunWriter
    {
        private readonly Span<byte> _buffer;
        private readonly int _valueBytes;
        private int _length;

        // Sized for the worst case, a run per row (five bytes of header and the index), in a buffer kept between calls.
        public RunWriter(ref byte[] buffer, int maxRuns, int bitWidth)
        {
            _valueBytes = (bitWidth + 7) / 8;
            var needed = checked(1 + maxRuns * (5 + _valueBytes));
            if (buffer.Length < needed) buffer = new byte[Math.Max(needed, buffer.Length * 2)];
            _buffer = buffer;
            _buffer[0] = (byte)bitWidth;
            _length = 1;
        }

        public readonly ReadOnlySpan<byte> Bytes => _buffer[.._length];

        public void Add(int length, int value)
        {
            var header = (uint)length << 1;
            while (header >= 0x80)
            {
                _buffer[_length++] = (byte)(header | 0x80);
                header >>= 7;
            }
            _buffer[_length++] = (byte)header;
            for (var b = 0; b < _valueBytes; b++) _buffer[_length++] = (byte)(value >> (8 * b));
        }
    }

    private void WritePageHeader(ThriftStruct header) => WriteThrift(header);

    // Serialised first: the compact writer writes a byte at a time, and the output may be a file.
    private int WriteThrift(ThriftStruct value)
    {
        using var bytes = new MemoryStream();
        new ThriftCompactWriter(bytes).WriteStruct(value);
        Write(bytes.GetBuffer().AsSpan(0, (int)bytes.Length));
        return (int)bytes.Length;
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        _output!.Write(bytes);
        _position += bytes.Length;
    }
}
