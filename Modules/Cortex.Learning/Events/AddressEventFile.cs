using Cortex.Input;
namespace Cortex.Learning.Events;

/// <summary>
/// The binary address-event format of N-MNIST and N-Caltech101 (Orchard et al. 2015): 5 bytes per event,
/// byte 0 = x, byte 1 = y, bit 7 of byte 2 = polarity (1 = ON), and a 23-bit timestamp in µs made of
/// bits 6–0 of byte 2 (most significant), byte 3 and byte 4. As in the dataset authors' own reader, a
/// record with y = 240 is not an event but a timestamp-overflow marker that adds 2^13 µs to the timestamps
/// of itself and every later record.
/// </summary>
public static class AddressEventFile
{
    /// <summary>Bytes per record.</summary>
    public const int RecordBytes = 5;

    /// <summary>The y value that marks a timestamp-overflow record.</summary>
    public const int OverflowMarkerY = 240;

    /// <summary>What each overflow record adds to later timestamps (the authors' reader uses 2^13 µs).</summary>
    public const long OverflowIncrementMicroseconds = 1 << 13;

    /// <summary>The largest timestamp one record can hold (23 bits).</summary>
    public const long MaxRecordTimestamp = (1 << 23) - 1;

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static AddressEvents Read(string path, AddressEventReadOptions? options = null)
    {
        InputFile.Check(path, "event file", InputFile.BinaryCap);
        return Read(File.ReadAllBytes(path), path, options);
    }

    /// <summary>Reads from <paramref name="stream"/>; <paramref name="source"/> names it in errors.</summary>
    public static AddressEvents Read(Stream stream, string source, AddressEventReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Read(buffer.ToArray(), source, options);
    }

    /// <summary>Decodes <paramref name="bytes"/>; <paramref name="source"/> names them in errors.</summary>
    public static AddressEvents Read(byte[] bytes, string source, AddressEventReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        options ??= AddressEventReadOptions.NMnist;
        if (bytes.Length % RecordBytes != 0)
            throw new InvalidDataException($"{source}: {bytes.Length} bytes is not a whole number of {RecordBytes}-byte event records ({bytes.Length / RecordBytes} records and {bytes.Length % RecordBytes} bytes left over): truncated or not an address-event file");
        var records = bytes.Length / RecordBytes;
        var x = new List<ushort>(records);
        var y = new List<ushort>(records);
        var polarity = new List<bool>(records);
        var time = new List<long>(records);
        long offset = 0;
        var unordered = false;
        for (var r = 0; r < records; r++)
        {
            var b = bytes.AsSpan(r * RecordBytes, RecordBytes);
            if (b[1] == OverflowMarkerY)
            {
                offset += OverflowIncrementMicroseconds;
                continue;
            }
            if (b[0] >= options.Width || b[1] >= options.Height)
                throw new InvalidDataException($"{source}: event {r} (byte {r * RecordBytes}) at x = {b[0]}, y = {b[1]} lies outside the {options.Width}×{options.Height} sensor");
            var t = offset + (((b[2] & 0x7F) << 16) | (b[3] << 8) | b[4]);
            if (time.Count > 0 && t < time[^1])
            {
                if (!options.SortByTime)
                    throw new InvalidDataException($"{source}: event {r} (byte {r * RecordBytes}) has timestamp {t} µs, earlier than the previous event's {time[^1]} µs; events must be in time order (read with SortByTime to sort them)");
                unordered = true;
            }
            x.Add(b[0]);
            y.Add(b[1]);
            polarity.Add((b[2] & 0x80) != 0);
            time.Add(t);
        }
        if (unordered)
        {
            // Stable, so events with equal timestamps keep their file order.
            var order = Enumerable.Range(0, time.Count).OrderBy(i => time[i]).ToArray();
            return new AddressEvents([.. order.Select(i => x[i])], [.. order.Select(i => y[i])], [.. order.Select(i => polarity[i])], [.. order.Select(i => time[i])], options.Width, options.Height);
        }
        return new AddressEvents([.. x], [.. y], [.. polarity], [.. time], options.Width, options.Height);
    }

    /// <summary>
    /// Writes <paramref name="events"/> in the same format (for synthetic datasets and tests). Timestamps
    /// must fit in 23 bits and coordinates in a byte, other than the overflow marker y = 240.
    /// </summary>
    public static void Write(Stream stream, AddressEvents events)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(events);
        var record = new byte[RecordBytes];
        for (var i = 0; i < events.Count; i++)
        {
            var (x, y, t) = (events.X[i], events.Y[i], events.TimestampMicroseconds[i]);
            if (x > byte.MaxValue || y > byte.MaxValue || y == OverflowMarkerY)
                throw new ArgumentException($"event {i}: x = {x}, y = {y} cannot be stored (bytes only, y = {OverflowMarkerY} is reserved)", nameof(events));
            if (t is < 0 or > MaxRecordTimestamp)
                throw new ArgumentException($"event {i}: timestamp {t} µs does not fit the 23-bit field (0 to {MaxRecordTimestamp})", nameof(events));
            record[0] = (byte)x;
            record[1] = (byte)y;
            record[2] = (byte)((events.Polarity[i] ? 0x80 : 0) | (int)(t >> 16));
            record[3] = (byte)(t >> 8);
            record[4] = (byte)t;
            stream.Write(record);
        }
    }
}
