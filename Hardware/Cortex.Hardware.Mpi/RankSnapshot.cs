namespace Cortex.Hardware.Mpi;

/// <summary>
/// The layout of one snapshot of a network spread over ranks: a marker and format version, the rank count, the
/// distributed session's own state (the same on every rank), then every rank's part as its backend saved it. Every rank
/// writes the same bytes; on restore each rank takes its own part. A snapshot of another rank count is refused: its parts
/// hold other neurons, and it is not re-partitioned.
/// </summary>
public static class RankSnapshot
{
    private const string Marker = "cortex.mpi-snapshot";
    private const int Version = 1;

    /// <summary>Writes the snapshot: <paramref name="writeShared"/> writes the session's own state, then the ranks' <paramref name="parts"/> follow, by rank.</summary>
    public static void Write(BinaryWriter writer, IReadOnlyList<byte[]> parts, Action<BinaryWriter> writeShared)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(writeShared);
        writer.Write(Marker);
        writer.Write(Version);
        writer.Write(parts.Count);
        writeShared(writer);
        foreach (var bytes in parts)
        {
            writer.Write(bytes.Length);
            writer.Write(bytes);
        }
    }

    /// <summary>
    /// Reads a snapshot on rank <paramref name="rank"/> of <paramref name="ranks"/>: <paramref name="readShared"/> reads the
    /// session's own state; returns this rank's part.
    /// </summary>
    /// <exception cref="ArgumentException">The snapshot was taken on another number of ranks, or not by a distributed session.</exception>
    public static byte[] Read(BinaryReader reader, int rank, int ranks, Action<BinaryReader> readShared)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(readShared);
        string marker;
        int version;
        try
        {
            marker = reader.ReadString();
            version = reader.ReadInt32();
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException)
        {
            throw new ArgumentException("the snapshot was not taken by a session spread over MPI ranks", nameof(reader), e);
        }
        if (marker != Marker || version != Version)
            throw new ArgumentException("the snapshot was not taken by a session spread over MPI ranks (or by another version of Cortex)", nameof(reader));
        var taken = reader.ReadInt32();
        if (taken != ranks)
            throw new ArgumentException($"the snapshot holds a network spread over {taken} MPI ranks and this run has {ranks}; restore it with mpirun -n {taken} (a snapshot is not re-partitioned)", nameof(reader));
        readShared(reader);
        byte[] own = [];
        for (var r = 0; r < taken; r++)
        {
            var bytes = reader.ReadBytes(reader.ReadInt32());
            if (r == rank) own = bytes;
        }
        return own;
    }
}
