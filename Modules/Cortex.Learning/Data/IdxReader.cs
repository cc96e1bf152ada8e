using System.Buffers.Binary;
using System.IO.Compression;
using Cortex.Input;

namespace Cortex.Learning.Data;

/// <summary>
/// Reads the IDX format of MNIST-style datasets: a 4-byte magic (two zero bytes, the element type code,
/// the number of dimensions), one big-endian 32-bit size per dimension, then the elements row-major.
/// Gzip-compressed files (magic 1F 8B) are decompressed transparently. Every defect is an
/// <see cref="InvalidDataException"/> naming the file and what is wrong, never a silently short array.
/// </summary>
public static class IdxReader
{
    /// <summary>Reads the file at <paramref name="path"/> (plain or gzip).</summary>
    public static IdxArray Read(string path)
    {
        InputFile.Check(path, "IDX dataset file", InputFile.BinaryCap);
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads from <paramref name="stream"/>; <paramref name="source"/> names it in errors.</summary>
    public static IdxArray Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var bytes = ReadAll(stream, source);
        if (bytes.Length < 4)
            throw new InvalidDataException($"{source}: truncated IDX file: {bytes.Length} bytes, the magic number alone takes 4");
        if (bytes[0] != 0 || bytes[1] != 0)
            throw new InvalidDataException($"{source}: not an IDX file: magic number {Hex(bytes.AsSpan(0, 4))} must start with two zero bytes");
        var type = (IdxElementType)bytes[2];
        if (!Enum.IsDefined(type))
            throw new InvalidDataException($"{source}: unknown IDX element type code 0x{bytes[2]:X2} (known: 0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E)");
        int rank = bytes[3];
        if (rank == 0)
            throw new InvalidDataException($"{source}: IDX file declares 0 dimensions");
        var headerLength = 4 + 4 * rank;
        if (bytes.Length < headerLength)
            throw new InvalidDataException($"{source}: truncated IDX header: {rank} dimensions need {headerLength} bytes, the file has {bytes.Length}");
        var shape = new int[rank];
        long elements = 1;
        for (var d = 0; d < rank; d++)
        {
            var size = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * d));
            if (size < 0)
                throw new InvalidDataException($"{source}: dimension {d} has negative size {size}");
            shape[d] = size;
            elements *= size;
        }
        var expected = elements * IdxArray.ElementSize(type);
        var actual = bytes.Length - headerLength;
        if (actual < expected)
            throw new InvalidDataException($"{source}: truncated IDX data: shape [{string.Join(", ", shape)}] of {type} needs {expected} bytes after the header, found {actual}");
        if (actual > expected)
            throw new InvalidDataException($"{source}: {actual - expected} unexpected bytes after the IDX data (shape [{string.Join(", ", shape)}] of {type} needs {expected})");
        return new IdxArray(source, type, shape, bytes[headerLength..]);
    }

    private static byte[] ReadAll(Stream stream, string source)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var raw = buffer.ToArray();
        if (raw.Length < 2 || raw[0] != 0x1F || raw[1] != 0x8B) return raw;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var inflated = new MemoryStream();
            gzip.CopyTo(inflated);
            return inflated.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{source}: corrupt gzip stream: {e.Message}", e);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{source}: truncated gzip stream: {e.Message}", e);
        }
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);
}
