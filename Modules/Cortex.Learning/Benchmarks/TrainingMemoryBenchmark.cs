using System.Diagnostics;
using Cortex.Learning.Data;
using Cortex.Learning.Training;
using static TorchSharp.torch;

namespace Cortex.Learning.Benchmarks;

/// <summary>
/// Watches a training run's memory step by step: after each optimiser step it reads the process's resident
/// memory and TorchSharp's count of live managed tensors. A trainer that releases what each step makes is flat
/// after the first steps (the optimiser's moments and the allocator's pools are made once); a leak shows as a
/// count or a resident size that keeps climbing.
/// </summary>
public static class TrainingMemoryBenchmark
{
    /// <summary>
    /// Runs <paramref name="steps"/> training steps of <paramref name="trainer"/> over <paramref name="data"/> (cycling
    /// through its batches, epoch after epoch) and returns one sample per step. Stops early, with the samples so far,
    /// when the resident size passes <paramref name="maxResidentMiB"/>, so a leaking build cannot exhaust the machine.
    /// </summary>
    public static IReadOnlyList<TrainingMemorySample> Run(Trainer trainer, LabeledDataset data, int steps, double? maxResidentMiB = null, Action<TrainingMemorySample>? stepDone = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var batches = new MiniBatches(data, trainer.Config.Train.BatchSize, (ulong)trainer.Config.Train.Seed);
        var rate = trainer.Config.Train.Optimizer.LearningRate;
        var samples = new List<TrainingMemorySample>(steps);
        trainer.Network.train();
        var clock = Stopwatch.StartNew();
        for (var epoch = 0; samples.Count < steps; epoch++)
        {
            foreach (var batch in batches.Epoch(epoch))
            {
                using (batch)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    trainer.TrainStep(batch, rate);
                }
                var sample = new TrainingMemorySample(samples.Count + 1, ResidentMiB(), GC.GetTotalMemory(false) / (1024.0 * 1024.0), Tensor.TotalCount, clock.Elapsed.TotalSeconds);
                samples.Add(sample);
                stepDone?.Invoke(sample);
                if (samples.Count >= steps || sample.ResidentMiB > maxResidentMiB) return samples;
            }
        }
        return samples;
    }

    /// <summary>The process's current resident set in MiB (not the peak: growth must show, not only the high-water mark).</summary>
    public static double ResidentMiB()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / (1024.0 * 1024.0);
    }
}

/// <summary>The memory after one training step.</summary>
/// <param name="Step">The step, from 1.</param>
/// <param name="ResidentMiB">The process's resident set (MiB).</param>
/// <param name="ManagedHeapMiB">The .NET heap's allocated bytes (MiB; part of the resident set, including garbage not yet collected).</param>
/// <param name="LiveTensors">TorchSharp's live managed tensors, all threads (<c>Tensor.TotalCount</c>).</param>
/// <param name="ElapsedSeconds">Wall time since the first step began.</param>
public sealed record TrainingMemorySample(int Step, double ResidentMiB, double ManagedHeapMiB, long LiveTensors, double ElapsedSeconds);
