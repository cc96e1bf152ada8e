using BenchmarkDotNet.Attributes;
using Cortex.Recording;

namespace Cortex.Benchmarks;

/// <summary>
/// The recorder's writer thread for one simulated second of the 64,000-neuron CUBA network with every spike recorded:
/// about 362,000 spikes (5.7 Hz) in 10,000 steps, excitatory then inhibitory within a step, handed to the spike sink in
/// the session's chunks of 4,096 rows and flushed every 65,536 rows as the recorder does. On a machine with every
/// core busy, this time is taken from the simulation.
/// </summary>
[MemoryDiagnoser]
public class SpikeRecordingBenchmarks
{
    private const int Steps = 10_000;
    private const int Excitatory = 51_200;
    private const int Inhibitory = 12_800;
    private const double RatePerStep = 5.7e-4;   // 5.7 Hz at dt = 0.1 ms

    private readonly RecordingLayout _layout = new(["exc", "inh"], [Excitatory, Inhibitory], [], 0.1);
    private SpikeRecord[] _spikes = [];
    private string _directory = "";

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var spikes = new List<SpikeRecord>();
        for (var step = 0; step < Steps; step++)
        {
            AddSpikes(spikes, random, 0, Excitatory, step);
            AddSpikes(spikes, random, 1, Inhibitory, step);
        }
        _spikes = [.. spikes];
        _directory = Directory.CreateTempSubdirectory("cortex-bench-spikes").FullName;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    /// <summary>Spikes written to spikes.parquet, as the writer thread writes them.</summary>
    [Benchmark]
    public long WriteOneSecondOfSpikes() => Write(flush: true);

    /// <summary>The same without the periodic flushes: the encoding alone, and one part renamed into place.</summary>
    [Benchmark]
    public long EncodeOneSecondOfSpikes() => Write(flush: false);

    private long Write(bool flush)
    {
        using var sink = new ParquetSpikeSink(_directory);
        sink.Open(_layout);
        long sinceFlush = 0;
        for (var start = 0; start < _spikes.Length; start += 4096)
        {
            var chunk = _spikes.AsSpan(start, Math.Min(4096, _spikes.Length - start));
            sink.WriteSpikes(chunk);
            sinceFlush += chunk.Length;
            if (flush && sinceFlush >= Recorder.DefaultFlushRows)
            {
                sink.Flush();
                sinceFlush = 0;
            }
        }
        sink.Complete();
        return sink.RowsWritten;
    }

    // Each neuron of the population fires in this step with the CUBA network's mean probability, in index order.
    private static void AddSpikes(List<SpikeRecord> spikes, Random random, int population, int size, int step)
    {
        var expected = size * RatePerStep;
        // A Poisson count by inversion is enough for a benchmark's load.
        var count = 0;
        var threshold = Math.Exp(-expected);
        for (var product = random.NextDouble(); product > threshold; product *= random.NextDouble()) count++;
        var neurons = new int[count];
        for (var i = 0; i < count; i++) neurons[i] = random.Next(size);
        Array.Sort(neurons);
        foreach (var neuron in neurons) spikes.Add(new SpikeRecord(population, neuron, step));
    }
}
