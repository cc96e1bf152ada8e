using Cortex.Learning.Data;
using Cortex.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests.Memory;

/// <summary>
/// A training step must release every tensor it makes: after the first steps (which create the optimiser's moments),
/// the number of live TorchSharp tensors on the training thread stays the same step after step, for every trainer path.
/// A tensor left to the garbage collector, or kept alive by a stored autograd graph, raises the count and fails here.
/// </summary>
[Collection(TorchGlobalState.Name)]
public sealed class TrainingStepMemoryTests
{
    private const int Steps = 6;

    [TorchTheory]
    // The fashion_t8.json path in miniature: conv, tdBN, PLIF (per-step graph), max pooling, dropout, TET loss.
    [InlineData("conv_tdbn_plif_tet", """[{"type":"conv2d","out":4,"kernel":3,"padding":1,"bias":false},{"type":"tdbn"},{"type":"plif","tau":2,"detach_reset":true,"surrogate":{"name":"arctan","alpha":2}},{"type":"maxpool","kernel":2},{"type":"flatten"},{"type":"dropout","p":0.5},{"type":"linear","out":16},{"type":"plif","tau":2},{"type":"linear","out":3}]""", "tet")]
    // LIF with fixed parameters: the fused autograd kernel; cross-entropy of the mean output.
    [InlineData("lif_fused_ce", """[{"type":"flatten"},{"type":"linear","out":16},{"type":"lif","tau":2},{"type":"linear","out":3}]""", "ce_mean")]
    // The sparse backward pass (Perez-Nieves & Goodman) on a linear + LIF pair.
    [InlineData("sparse_backward", """[{"type":"flatten"},{"type":"linear","out":16},{"type":"lif","tau":2,"reset":"subtract","detach_reset":true,"sparse_backward":{"band":0.5}},{"type":"linear","out":3}]""", "ce_mean")]
    // The equilibrium trainer: implicit differentiation of the feedback layer's fixed point.
    [InlineData("equilibrium", """[{"type":"flatten"},{"type":"feedback_snn","out":16,"feedback_scale":0.5,"gradient":"implicit","backward_iterations":10},{"type":"linear","out":3}]""", "ce_mean")]
    // BPTT through a recurrent ALIF layer and BNTT.
    [InlineData("recurrent_alif_bntt", """[{"type":"flatten"},{"type":"linear","out":16},{"type":"bntt","steps":4},{"type":"alif","tau":2},{"type":"recurrent","out":8,"neuron":{"type":"alif","tau":4}},{"type":"linear","out":3}]""", "ce_mean")]
    public void LiveTensors_AreTheSameAfterEveryStepFromTheSecondOn(string name, string layers, string loss)
    {
        using var data = Images(96, seed: 3);
        using var trainer = Trainer.Create(TrainingConfig.Parse(Config(layers, loss), name), TrainingFixtures.Registry());
        var live = new long[Steps];
        var batches = new MiniBatches(data, batchSize: 16, seed: 5);
        var step = 0;
        foreach (var batch in batches.Epoch(0))
        {
            using (batch)
            {
                trainer.TrainStep(batch, rate: 0.01);
            }
            // Counted on this thread, where the step ran: what the step created minus what it disposed.
            live[step++] = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        }
        Assert.Equal(Steps, step);
        Assert.All(live.Skip(2), count => Assert.Equal(live[1], count));
    }

    [TorchFact]
    public void LiveTensors_CountATensorAStepLeavesBehind()
    {
        // The measurement itself: a step that keeps one tensor out of its scope raises the count by one each time.
        var counts = new long[4];
        var kept = new List<Tensor>();
        for (var i = 0; i < counts.Length; i++)
        {
            using (NewDisposeScope())
            {
                using var x = ones(3);
                kept.Add((x * 2).MoveToOuterDisposeScope());
            }
            counts[i] = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        }
        Assert.Equal([1, 2, 3], counts.Skip(1).Select(c => c - counts[0]));
        kept.ForEach(t => t.Dispose());
    }

    private static string Config(string layers, string loss) => $$"""
        {
          "data": {"dataset": "digits"},
          "model": {"input_shape": [1, 6, 6], "steps": 4, "encoder": {"type": "direct"}, "layers": {{layers}}},
          "train": {"epochs": 1, "batch_size": 16, "optimizer": {"type": "adam", "lr": 0.01}, "loss": "{{loss}}", "seed": 7, "threads": 1}
        }
        """;

    // Seeded images [N, 1, 6, 6] in three classes; the content does not matter, only that every step trains.
    private static LabeledDataset Images(int count, int seed)
    {
        var random = new Random(seed);
        var pixels = new float[count * 36];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (float)random.NextDouble();
        var labels = Enumerable.Range(0, count).Select(i => (long)(i % 3)).ToArray();
        return new LabeledDataset("images", tensor(pixels, [count, 1, 6, 6]), tensor(labels), 3);
    }
}
