using Cortex.Recording;

namespace Cortex.Host.Commands.Mpi;

/// <summary>
/// Joins the per-rank recordings of a distributed run (<c>rank-R/spikes.parquet</c>, <c>rank-R/state.parquet</c>, global
/// neuron indices) into one <c>spikes.parquet</c> and <c>state.parquet</c> beside them, in the order one process writes
/// them (step, population, neuron), so every reader of single-process runs reads a distributed run unchanged.
/// </summary>
internal static class RecordingMerge
{
    /// <summary>The folder rank <paramref name="rank"/> records into.</summary>
    public static string RankDirectory(string output, int rank) => Path.Combine(output, $"rank-{rank}");

    /// <summary>Merges the files of <paramref name="ranks"/> ranks under <paramref name="output"/>; returns the spikes merged.</summary>
    public static IReadOnlyList<SpikeRecord> Merge(string output, int ranks, RecordingLayout layout)
    {
        var spikes = new List<SpikeRecord>();
        var samples = new List<StateSample>();
        for (var r = 0; r < ranks; r++)
        {
            var directory = RankDirectory(output, r);
            var spikeFile = Path.Combine(directory, ParquetSpikeSink.FileName);
            if (File.Exists(spikeFile)) spikes.AddRange(ParquetRecordingReader.ReadSpikes(spikeFile, layout));
            var stateFile = Path.Combine(directory, ParquetStateSink.FileName);
            if (File.Exists(stateFile)) samples.AddRange(ParquetRecordingReader.ReadSamples(stateFile, layout));
        }
        spikes.Sort((a, b) => a.Step != b.Step ? a.Step.CompareTo(b.Step) : a.Population != b.Population ? a.Population.CompareTo(b.Population) : a.Neuron.CompareTo(b.Neuron));
        samples.Sort((a, b) => a.Step != b.Step ? a.Step.CompareTo(b.Step) : a.Probe != b.Probe ? a.Probe.CompareTo(b.Probe) : a.Neuron.CompareTo(b.Neuron));

        var sinks = new List<IRecordingSink> { new ParquetSpikeSink(output) };
        if (layout.StateProbes.Count > 0) sinks.Add(new ParquetStateSink(output));
        using var recorder = new Recorder(layout, sinks);
        var (i, j) = (0, 0);
        // One chunk per step keeps the writer's memory bounded; the files hold the same rows as a one-process run.
        while (i < spikes.Count || j < samples.Count)
        {
            var step = Math.Min(i < spikes.Count ? spikes[i].Step : long.MaxValue, j < samples.Count ? samples[j].Step : long.MaxValue);
            for (; j < samples.Count && samples[j].Step == step; j++) recorder.AddSample(samples[j].Probe, samples[j].Neuron, step, samples[j].Value);
            for (; i < spikes.Count && spikes[i].Step == step; i++) recorder.AddSpike(spikes[i].Population, spikes[i].Neuron, step);
            if (step % 100 == 0) recorder.EndEpoch();
        }
        recorder.Complete();
        return spikes;
    }
}
