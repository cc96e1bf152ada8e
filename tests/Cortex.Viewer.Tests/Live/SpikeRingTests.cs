using Cortex.Recording;
using Cortex.Viewer.Live;
using Xunit;

namespace Cortex.Viewer.Tests.Live;

public sealed class SpikeRingTests
{
    [Fact]
    public void AFullRing_DropsAndCountsInsteadOfWaiting()
    {
        var ring = new SpikeRing(8);
        var spikes = Enumerable.Range(0, 11).Select(i => new SpikeRecord(0, i, i)).ToArray();
        Assert.Equal(8, ring.TryWrite(spikes));
        Assert.Equal(3, ring.Dropped);
        var read = new SpikeRecord[20];
        Assert.Equal(8, ring.Read(read));
        Assert.Equal(spikes[..8], read[..8]);
        Assert.Equal(0, ring.Read(read));
    }

    [Fact]
    public void WrapsAround_KeepingOrder()
    {
        var ring = new SpikeRing(4);
        var buffer = new SpikeRecord[3];
        var next = 0;
        var expected = 0;
        for (var round = 0; round < 50; round++)
        {
            var chunk = Enumerable.Range(next, 3).Select(i => new SpikeRecord(1, i, i)).ToArray();
            Assert.Equal(3, ring.TryWrite(chunk));
            next += 3;
            var n = ring.Read(buffer);
            Assert.Equal(3, n);
            foreach (var s in buffer) Assert.Equal(expected++, s.Neuron);
        }
        Assert.Equal(0, ring.Dropped);
    }

    [Fact]
    public void OneWriterAndOneReaderOnTwoThreads_LoseNothingButWhatIsCountedAsDropped_AndKeepOrder()
    {
        const int Total = 400_000;
        var ring = new SpikeRing(1024);
        var writer = new Thread(() =>
        {
            var chunk = new SpikeRecord[37];
            for (var sent = 0; sent < Total; sent += chunk.Length)
            {
                var n = Math.Min(chunk.Length, Total - sent);
                for (var i = 0; i < n; i++) chunk[i] = new SpikeRecord(0, sent + i, sent + i);
                ring.TryWrite(chunk.AsSpan(0, n));
            }
        });
        writer.Start();
        var received = new List<SpikeRecord>();
        var buffer = new SpikeRecord[100];
        while (writer.IsAlive || ring.Written > received.Count)
        {
            var n = ring.Read(buffer);
            for (var i = 0; i < n; i++) received.Add(buffer[i]);
        }
        writer.Join();
        int m;
        while ((m = ring.Read(buffer)) > 0) received.AddRange(buffer.AsSpan(0, m).ToArray());
        Assert.Equal(Total, received.Count + ring.Dropped);
        for (var i = 1; i < received.Count; i++) Assert.True(received[i].Step > received[i - 1].Step, $"out of order at {i}");
        Assert.All(received, s => Assert.Equal(s.Step, s.Neuron));
    }
}
