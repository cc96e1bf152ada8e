using System.Numerics;
using Cortex.Recording;

namespace Cortex.Host.Tests.View;

/// <summary>
/// A hand-made recording (layout.parquet + spikes.parquet, dt 0.1 ms) whose neurons and spikes are known exactly:
/// population "a" at x = -300, 0, 300 µm on the x axis, "b" at z = ±200 µm. Neuron a[2] spikes at 100 ms, b[0] at
/// 20 ms and a[1] at 150 ms; nothing else spikes.
/// </summary>
internal static class TinyRecording
{
    public static readonly Vector3[] A = [new(-300, 0, 0), new(0, 0, 0), new(300, 0, 0)];
    public static readonly Vector3[] B = [new(0, 0, 200), new(0, 0, -200)];

    public static void Write(string directory)
    {
        var layout = new NeuronLayout(
            [
                new PopulationLayout("a", PositionSource.Spec, [.. A.SelectMany(p => new[] { p.X, p.Y, p.Z })]),
                new PopulationLayout("b", PositionSource.Spec, [.. B.SelectMany(p => new[] { p.X, p.Y, p.Z })]),
            ],
            []);
        ParquetLayoutFile.Write(directory, layout);
        using var sink = new ParquetSpikeSink(directory);
        sink.Open(new RecordingLayout(["a", "b"], [3, 2], [], 0.1));
        sink.WriteSpikes([new SpikeRecord(1, 0, 200), new SpikeRecord(0, 2, 1000), new SpikeRecord(0, 1, 1500)]);
        sink.Flush();
        sink.Complete();
    }
}
