using System.Numerics;
using Cortex.Recording;

namespace Cortex.Viewer.Tests.Support;

/// <summary>Writes small recordings (layout.parquet + spikes.parquet) with the kernel's own writers.</summary>
internal static class Recordings
{
    /// <summary>One population "pop" with neurons at <paramref name="points"/> and the given (neuron, time) spikes.</summary>
    public static void Write(string directory, Vector3[] points, params (int Neuron, double TimeMs)[] spikes)
    {
        ParquetLayoutFile.Write(directory, new NeuronLayout(
            [new PopulationLayout("pop", PositionSource.Spec, [.. points.SelectMany(p => new[] { p.X, p.Y, p.Z })])], []));
        WriteSpikes(directory, points.Length, spikes);
    }

    /// <summary>spikes.parquet of one population "pop" of <paramref name="size"/> neurons (dt 0.1 ms).</summary>
    public static void WriteSpikes(string directory, int size, params (int Neuron, double TimeMs)[] spikes)
    {
        using var sink = new ParquetSpikeSink(directory);
        sink.Open(new RecordingLayout(["pop"], [size], [], 0.1));
        sink.WriteSpikes([.. spikes.Select(s => new SpikeRecord(0, s.Neuron, (long)Math.Round(s.TimeMs / 0.1)))]);
        sink.Complete();
    }
}
