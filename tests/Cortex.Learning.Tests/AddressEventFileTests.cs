using Cortex.Learning.Events;

namespace Cortex.Learning.Tests;

public sealed class AddressEventFileTests
{
    /// <summary>One 40-bit record laid out by hand from Orchard et al.'s description.</summary>
    internal static byte[] Record(int x, int y, bool on, int microseconds) =>
        [(byte)x, (byte)y, (byte)((on ? 0x80 : 0) | (microseconds >> 16)), (byte)(microseconds >> 8), (byte)microseconds];

    [Fact]
    public void Reads_back_exact_coordinates_polarity_and_23_bit_timestamps()
    {
        var path = Path.Combine(Path.GetTempPath(), $"events-{Guid.NewGuid():N}.bin");
        // 0x7FFFFF is the largest 23-bit timestamp: every timestamp bit set, polarity bit clear.
        File.WriteAllBytes(path, [.. Record(0, 0, true, 0), .. Record(33, 5, false, 0x012345), .. Record(7, 33, true, 0x7FFFFF)]);
        try
        {
            var events = AddressEventFile.Read(path);
            Assert.Equal(3, events.Count);
            Assert.Equal([(ushort)0, 33, 7], events.X);
            Assert.Equal([(ushort)0, 5, 33], events.Y);
            Assert.Equal([true, false, true], events.Polarity);
            Assert.Equal([0L, 0x012345, 0x7FFFFF], events.TimestampMicroseconds);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Byte_layout_matches_the_published_example()
    {
        // Bytes 0A 0B 81 02 03: x = 10, y = 11, ON, t = (0x01 << 16) | (0x02 << 8) | 0x03 = 66051 µs.
        var events = AddressEventFile.Read([0x0A, 0x0B, 0x81, 0x02, 0x03], "example");
        Assert.Equal((10, 11, true, 66051L), (events.X[0], events.Y[0], events.Polarity[0], events.TimestampMicroseconds[0]));
    }

    [Fact]
    public void Overflow_records_add_two_to_the_thirteen_microseconds_to_later_events_and_are_dropped()
    {
        byte[] bytes = [.. Record(1, 1, true, 8000), .. Record(0, 240, false, 0), .. Record(2, 2, false, 100)];
        var events = AddressEventFile.Read(bytes, "overflow");
        Assert.Equal(2, events.Count);
        Assert.Equal([8000L, 8192 + 100], events.TimestampMicroseconds);
    }

    [Fact]
    public void Length_not_a_multiple_of_five_names_the_file_and_byte_count()
    {
        var error = Assert.Throws<InvalidDataException>(() => AddressEventFile.Read([.. Record(1, 1, true, 1), 0, 0], "00012.bin"));
        Assert.Contains("00012.bin: 7 bytes is not a whole number of 5-byte event records", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Coordinates_outside_the_sensor_name_the_event_index()
    {
        byte[] bytes = [.. Record(1, 1, true, 1), .. Record(2, 2, true, 2), .. Record(34, 0, true, 3)];
        var error = Assert.Throws<InvalidDataException>(() => AddressEventFile.Read(bytes, "f.bin"));
        Assert.Contains("f.bin: event 2 (byte 10) at x = 34, y = 0 lies outside the 34×34 sensor", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, AddressEventFile.Read(bytes, "f.bin", new AddressEventReadOptions(Width: 35)).Count);
    }

    [Fact]
    public void Decreasing_timestamps_are_rejected_by_default_and_sorted_stably_on_request()
    {
        byte[] bytes = [.. Record(1, 0, true, 50), .. Record(2, 0, true, 10), .. Record(3, 0, true, 50), .. Record(4, 0, true, 20)];
        var error = Assert.Throws<InvalidDataException>(() => AddressEventFile.Read(bytes, "f.bin"));
        Assert.Contains("f.bin: event 1 (byte 5) has timestamp 10 µs, earlier than the previous event's 50 µs", error.Message, StringComparison.Ordinal);
        var sorted = AddressEventFile.Read(bytes, "f.bin", new AddressEventReadOptions(SortByTime: true));
        Assert.Equal([10L, 20, 50, 50], sorted.TimestampMicroseconds);
        Assert.Equal([(ushort)2, 4, 1, 3], sorted.X);
    }

    [Fact]
    public void Write_produces_the_same_bytes_as_the_hand_layout()
    {
        var events = new AddressEvents([3, 30], [4, 20], [false, true], [0x00ABCD, 0x7FFFFF], 34, 34);
        using var stream = new MemoryStream();
        AddressEventFile.Write(stream, events);
        Assert.Equal([.. Record(3, 4, false, 0x00ABCD), .. Record(30, 20, true, 0x7FFFFF)], stream.ToArray());
        var tooLate = new AddressEvents([0], [0], [true], [1 << 23], 34, 34);
        Assert.Throws<ArgumentException>(() => AddressEventFile.Write(new MemoryStream(), tooLate));
    }
}
