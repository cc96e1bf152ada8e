using System.Diagnostics;
using Cortex.Learning.Registry;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Benchmarks;

/// <summary>
/// Times one BPTT training step of the reference network of the surrogate-gradient benchmark: a
/// 784-H-10 LIF MLP (linear → LIF → linear → LIF, τ = 2, reset to zero, fast-sigmoid surrogate), direct
/// input repeated over T steps, cross-entropy on the mean output spikes, Adam — the same network as
/// tools/bench/torch_mlp_step.py, built through the layer registry as a training config would build it.
/// </summary>
public static class TrainingStepBenchmark
{
    /// <summary>
    /// Runs <paramref name="warmup"/> untimed and <paramref name="steps"/> timed training steps. The direct
    /// input is the same at every step, and the time-distributed linear layer multiplies such an input once;
    /// with <paramref name="equalWork"/> the input is a contiguous copy, so the first layer does the full
    /// T·B-row product, the arithmetic PyTorch's reference script does. Cancelling <paramref name="cancellationToken"/>
    /// throws <see cref="OperationCanceledException"/> before the next step.
    /// </summary>
    public static TrainingStepTiming Run(int timeSteps = 25, int batch = 128, int hidden = 512, int steps = 10, int warmup = 2, int threads = 0, bool equalWork = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeSteps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        if (threads > 0) set_num_threads(threads);
        manual_seed(0);
        var registry = LearningRegistry.BuiltIn();
        var neuron = """{"type":"lif","tau":2,"surrogate":{"name":"fast_sigmoid","alpha":10}}""";
        var layers = new List<nn.Module<Tensor, Tensor>>();
        IReadOnlyList<long> shape = [784];
        foreach (var (json, i) in new[] { $$"""{"type":"linear","out":{{hidden}}}""", neuron, """{"type":"linear","out":10}""", neuron }.Select((j, i) => (j, i)))
        {
            var built = registry.BuildLayer(ConfigNode.Parse(json, $"benchmark.layers[{i}]"), shape);
            layers.Add(built.Module);
            shape = built.OutputShape;
        }
        using var model = nn.Sequential(layers.Select((m, i) => ($"{i}", (nn.Module<Tensor, Tensor>)m)));
        using var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        using var images = rand(batch, 784);
        using var labels = randint(0, 10, [batch], dtype: int64);

        double Step()
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var start = Stopwatch.GetTimestamp();
            var input = images.unsqueeze(0).expand(timeSteps, -1, -1);
            if (equalWork) input = input.contiguous();
            var output = model.forward(input);
            var loss = nn.functional.cross_entropy(output.mean([0]), labels);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        for (var i = 0; i < warmup; i++) Step();
        var times = Enumerable.Range(0, steps).Select(_ => Step()).Order().ToArray();
        using var process = Process.GetCurrentProcess();
        return new TrainingStepTiming(
            MedianMs: times[times.Length / 2],
            MinMs: times[0],
            PeakWorkingSetMiB: process.PeakWorkingSet64 / (1024.0 * 1024.0),
            Threads: get_num_threads(),
            TimeSteps: timeSteps,
            Batch: batch,
            Hidden: hidden);
    }
}

/// <summary>Result of <see cref="TrainingStepBenchmark.Run"/>.</summary>
public sealed record TrainingStepTiming(double MedianMs, double MinMs, double PeakWorkingSetMiB, int Threads, int TimeSteps, int Batch, int Hidden);
