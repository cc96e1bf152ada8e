using System.Buffers.Binary;
using System.IO.Compression;
using Cortex.Learning.Data;

namespace Cortex.Learning.Tests;

public sealed class IdxReaderTests
{
    /// <summary>Builds an IDX file by hand from the published layout (magic 00 00 type rank, big-endian sizes).</summary>
    internal static byte[] Idx(byte type, int[] shape, byte[] data)
    {
        var header = new byte[4 + 4 * shape.Length];
        header[2] = type;
        header[3] = (byte)shape.Length;
        for (var d = 0; d < shape.Length; d++) BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * d), shape[d]);
        return [.. header, .. data];
    }

    internal static byte[] Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(bytes);
        return buffer.ToArray();
    }

    [Fact]
    public void Reads_unsigned_byte_images_with_shape_and_row_major_data()
    {
        var pixels = Enumerable.Range(0, 2 * 3 * 4).Select(i => (byte)(i * 10)).ToArray();
        var array = IdxReader.Read(new MemoryStream(Idx(0x08, [2, 3, 4], pixels)), "images");
        Assert.Equal(IdxElementType.UnsignedByte, array.ElementType);
        Assert.Equal([2, 3, 4], array.Shape);
        Assert.Equal(2, array.Count);
        Assert.Equal(pixels, array.Data.ToArray());
        Assert.Equal(230f, array.ToSingles()[23]);
    }

    [Fact]
    public void Gzip_compressed_file_reads_the_same_as_plain()
    {
        var labels = new byte[] { 9, 0, 3, 7 };
        var plain = IdxReader.Read(new MemoryStream(Idx(0x08, [4], labels)), "plain");
        var gz = IdxReader.Read(new MemoryStream(Gzip(Idx(0x08, [4], labels))), "gz");
        Assert.Equal(plain.Data.ToArray(), gz.Data.ToArray());
        Assert.Equal(labels, gz.Data.ToArray());
    }

    [Fact]
    public void Multi_byte_elements_are_big_endian()
    {
        var data = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(data, -123456);
        BinaryPrimitives.WriteSingleBigEndian(data.AsSpan(4), 0); // placeholder so two ints fit
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4), 70000);
        var ints = IdxReader.Read(new MemoryStream(Idx(0x0C, [2], data)), "ints").ToSingles();
        Assert.Equal([-123456f, 70000f], ints);

        var floats = new byte[4];
        BinaryPrimitives.WriteSingleBigEndian(floats, 0.15625f);
        Assert.Equal(0.15625f, IdxReader.Read(new MemoryStream(Idx(0x0D, [1], floats)), "floats").ToSingles()[0]);
    }

    [Fact]
    public void Truncated_data_is_an_error_naming_the_file_and_the_byte_counts()
    {
        var bytes = Idx(0x08, [2, 2, 2], new byte[7]);
        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(new MemoryStream(bytes), "train-images"));
        Assert.Contains("train-images", error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.Contains("needs 8 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("found 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_header_and_trailing_bytes_are_errors()
    {
        var header = Assert.Throws<InvalidDataException>(() => IdxReader.Read(new MemoryStream([0, 0, 8, 3, 0, 0]), "short"));
        Assert.Contains("truncated IDX header", header.Message, StringComparison.Ordinal);
        var extra = Assert.Throws<InvalidDataException>(() => IdxReader.Read(new MemoryStream(Idx(0x08, [2], [1, 2, 3])), "long"));
        Assert.Contains("1 unexpected bytes", extra.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_magic_and_unknown_type_are_errors()
    {
        var notIdx = Assert.Throws<InvalidDataException>(() => IdxReader.Read(new MemoryStream("PK\u0003\u0004rest"u8.ToArray()), "archive.zip"));
        Assert.Contains("archive.zip: not an IDX file", notIdx.Message, StringComparison.Ordinal);
        var type = Assert.Throws<InvalidDataException>(() => IdxReader.Read(new MemoryStream(Idx(0x0A, [1], [0])), "odd"));
        Assert.Contains("0x0A", type.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_gzip_is_an_error_naming_the_file()
    {
        var gz = Gzip(Idx(0x08, [100], new byte[100]));
        var cut = gz[..(gz.Length / 2)];
        var error = Assert.ThrowsAny<InvalidDataException>(() => IdxReader.Read(new MemoryStream(cut), "labels.gz"));
        Assert.Contains("labels.gz", error.Message, StringComparison.Ordinal);
    }
}
