using System.Security.Cryptography;

namespace Cortex.Learning.Training;

/// <summary>
/// The trailer that makes a checkpoint's corruption detectable: the 8-byte tag "CXSHA256" and the SHA-256 of every
/// byte before it. A flipped bit, a zeroed block or a cut file no longer loads as plausible weights.
/// </summary>
internal static class CheckpointChecksum
{
    private static readonly byte[] Tag = "CXSHA256"u8.ToArray();

    /// <summary>Bytes the trailer adds at the end of the file.</summary>
    public static int Length => Tag.Length + SHA256.HashSizeInBytes;

    /// <summary>Appends the trailer for everything in <paramref name="file"/> so far (the stream must be readable and seekable).</summary>
    public static void Append(FileStream file)
    {
        file.Flush();
        var end = file.Length;
        file.Position = 0;
        var hash = Hash(file, end);
        file.Position = end;
        file.Write(Tag);
        file.Write(hash);
        file.Flush(flushToDisk: true);
    }

    /// <summary>Throws <see cref="CheckpointException"/> unless <paramref name="file"/> ends with a trailer matching its contents.</summary>
    public static void Verify(FileStream file, string path)
    {
        var length = file.Length;
        Span<byte> trailer = stackalloc byte[Length];
        if (length >= Length)
        {
            file.Position = length - Length;
            file.ReadExactly(trailer);
        }
        if (length < Length || !trailer[..Tag.Length].SequenceEqual(Tag))
        {
            throw new CheckpointException(
                $"{path}: no checksum at the end of the file: it is truncated, or it was written by a Cortex before checkpoint format 2 " +
                "(refused: its integrity cannot be checked; train again to write a checked checkpoint)");
        }
        file.Position = 0;
        var actual = Hash(file, length - Length);
        if (!actual.AsSpan().SequenceEqual(trailer[Tag.Length..]))
        {
            throw new CheckpointException($"{path}: the checkpoint is corrupt (the SHA-256 of its contents does not match the one stored at its end)");
        }
        file.Position = 0;
    }

    private static byte[] Hash(Stream stream, long count)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        while (count > 0)
        {
            var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (read == 0) throw new EndOfStreamException();
            hash.AppendData(buffer, 0, read);
            count -= read;
        }
        return hash.GetHashAndReset();
    }
}
