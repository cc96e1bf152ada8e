using Xunit;

namespace Cortex.Hardware.Mpi.Tests;

/// <summary>
/// The layout of a whole-network snapshot taken on several ranks (no MPI needed): each rank gets back its own part and the
/// shared state; a snapshot taken on another rank count, or not by a distributed session, is refused with one sentence
/// that says what to do. (Restoring on the same rank count is checked end to end by <see cref="DistributedTaskTests"/>:
/// the decision task restores a snapshot before every trial.)
/// </summary>
public sealed class RankSnapshotTests
{
    [Fact]
    public void EachRankGetsItsOwnPartAndTheSharedState()
    {
        var bytes = Snapshot([[1, 2, 3], [4], [5, 6]], shared: 42);
        for (var rank = 0; rank < 3; rank++)
        {
            using var reader = new BinaryReader(new MemoryStream(bytes));
            var shared = 0;
            var part = RankSnapshot.Read(reader, rank, 3, r => shared = r.ReadInt32());
            Assert.Equal(42, shared);
            Assert.Equal(rank switch { 0 => [1, 2, 3], 1 => [4], _ => new byte[] { 5, 6 } }, part);
            Assert.Equal(bytes.Length, reader.BaseStream.Position);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void ASnapshotOfAnotherRankCountIsRefused(int ranks)
    {
        var bytes = Snapshot([[1], [2]], shared: 0);
        using var reader = new BinaryReader(new MemoryStream(bytes));
        var e = Assert.Throws<ArgumentException>(() => RankSnapshot.Read(reader, 0, ranks, r => r.ReadInt32()));
        Assert.StartsWith($"the snapshot holds a network spread over 2 MPI ranks and this run has {ranks}; restore it with mpirun -n 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASnapshotOfOneProcessIsRefused()
    {
        // What a one-process CPU session writes first: its step counter.
        var bytes = new byte[64];
        BitConverter.TryWriteBytes(bytes, 12345L);
        using var reader = new BinaryReader(new MemoryStream(bytes));
        var e = Assert.Throws<ArgumentException>(() => RankSnapshot.Read(reader, 0, 2, _ => { }));
        Assert.StartsWith("the snapshot was not taken by a session spread over MPI ranks", e.Message, StringComparison.Ordinal);
    }

    private static byte[] Snapshot(byte[][] parts, int shared)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) RankSnapshot.Write(writer, parts, w => w.Write(shared));
        return buffer.ToArray();
    }
}
