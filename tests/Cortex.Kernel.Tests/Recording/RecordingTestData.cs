using Cortex.Recording;

namespace Cortex.Tests.Recording;

/// <summary>Deterministic recordings for the recording tests.</summary>
internal static class RecordingTestData
{
    public static readonly RecordingLayout Layout = new(
        ["exc", "inh", "thalamus"],
        [80, 20, 10],
        [new StateProbeInfo("exc", "v", "mV"), new StateProbeInfo("inh", "g_e", "uS"), new StateProbeInfo("exc", "v_volts", "V")],
        0.1);

    /// <summary>Spikes and samples of <paramref name="epochs"/> epochs of <paramref name="stepsPerEpoch"/> steps, in step order.</summary>
    public static List<(List<SpikeRecord> Spikes, List<StateSample> Samples)> Epochs(int epochs, int stepsPerEpoch = 10, int seed = 1)
    {
#pragma warning disable CA5394 // Test data.
        var random = new Random(seed);
        var result = new List<(List<SpikeRecord>, List<StateSample>)>();
        long step = 0;
        for (var e = 0; e < epochs; e++)
        {
            var spikes = new List<SpikeRecord>();
            var samples = new List<StateSample>();
            for (var s = 0; s < stepsPerEpoch; s++, step++)
            {
                for (var p = 0; p < Layout.Populations.Count; p++)
                {
                    for (var n = 0; n < Layout.PopulationSizes[p]; n++)
                    {
                        if (random.NextDouble() < 0.02)
                        {
                            spikes.Add(new SpikeRecord(p, n, step));
                        }
                    }
                }
                if (step % 5 == 0)
                {
                    for (var probe = 0; probe < Layout.StateProbes.Count; probe++)
                    {
                        for (var n = 0; n < 3; n++)
                        {
                            samples.Add(new StateSample(probe, n, step, (float)((random.NextDouble() * 30) - 70)));
                        }
                    }
                }
            }
            result.Add((spikes, samples));
        }
#pragma warning restore CA5394
        return result;
    }

    /// <summary>Feeds the epochs to the recorder, ending each epoch.</summary>
    public static void Feed(Recorder recorder, IEnumerable<(List<SpikeRecord> Spikes, List<StateSample> Samples)> epochs)
    {
        foreach (var (spikes, samples) in epochs)
        {
            Add(recorder, spikes, samples);
            recorder.EndEpoch();
        }
    }

    public static void Add(Recorder recorder, List<SpikeRecord> spikes, List<StateSample> samples)
    {
        foreach (var s in spikes)
        {
            recorder.AddSpike(s.Population, s.Neuron, s.Step);
        }
        foreach (var s in samples)
        {
            recorder.AddSample(s.Probe, s.Neuron, s.Step, s.Value);
        }
    }

    public static string NewTempDir() =>
        Path.Combine(Path.GetTempPath(), "cortex-recording-" + Guid.NewGuid().ToString("N"));
}

/// <summary>A sink that counts calls and can throw on the n-th write or block until released.</summary>
internal sealed class ScriptedSink(string description) : IRecordingSink
{
    public int FailOnWrite { get; init; } = int.MaxValue;

    public Exception Failure { get; init; } = new IOException("No space left on device");

    public ManualResetEventSlim? Gate { get; init; }

    public int Writes { get; private set; }

    public int Flushes { get; private set; }

    public int Completions { get; private set; }

    public bool Disposed { get; private set; }

    public string Description { get; } = description;

    public void Open(RecordingLayout layout)
    {
    }

    public void WriteSpikes(ReadOnlySpan<SpikeRecord> spikes) => Write();

    public void WriteSamples(ReadOnlySpan<StateSample> samples) => Write();

    public void Flush() => Flushes++;

    public void Complete() => Completions++;

    public void Dispose() => Disposed = true;

    private void Write()
    {
        Gate?.Wait();
        Writes++;
        if (Writes == FailOnWrite)
        {
            throw Failure;
        }
    }
}
