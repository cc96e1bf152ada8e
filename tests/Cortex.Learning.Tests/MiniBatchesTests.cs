using Cortex.Learning.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

public sealed class MiniBatchesTests
{
    private static LabeledDataset Numbered(int count) =>
        new("numbered", arange(count, ScalarType.Float32).reshape(count, 1), arange(count, ScalarType.Int64), count);

    private static long[][] LabelsOfEpoch(MiniBatches batches, int epoch) =>
        [.. batches.Epoch(epoch).Select(b => { using (b) return b.Labels.data<long>().ToArray(); })];

    [TorchFact]
    public void Same_seed_and_epoch_give_the_same_order_and_epochs_differ()
    {
        using var data = Numbered(50);
        var first = new MiniBatches(data, 8, seed: 3);
        var again = new MiniBatches(data, 8, seed: 3);
        Assert.Equal(LabelsOfEpoch(first, 2), LabelsOfEpoch(again, 2));
        Assert.NotEqual(LabelsOfEpoch(first, 0), LabelsOfEpoch(first, 1));
        Assert.NotEqual(LabelsOfEpoch(first, 0), LabelsOfEpoch(new MiniBatches(data, 8, seed: 4), 0));
        // Resuming at epoch 2 does not depend on having run epochs 0 and 1.
        Assert.Equal(first.Order(2), new MiniBatches(data, 8, seed: 3).Order(2));
    }

    [TorchFact]
    public void Every_sample_appears_once_per_epoch_with_inputs_matching_labels()
    {
        using var data = Numbered(50);
        var batches = new MiniBatches(data, 8, seed: 1);
        var seen = new List<long>();
        foreach (var batch in batches.Epoch(0))
        {
            using (batch)
            {
                Assert.Equal(batch.Labels.data<long>().ToArray(), batch.Inputs.reshape(-1).data<float>().ToArray().Select(v => (long)v));
                seen.AddRange(batch.Labels.data<long>().ToArray());
            }
        }
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), seen.Order());
        Assert.Equal(7, batches.BatchesPerEpoch);
    }

    [TorchFact]
    public void Drop_last_skips_the_short_batch()
    {
        using var data = Numbered(50);
        var kept = LabelsOfEpoch(new MiniBatches(data, 8, 1, dropLast: false), 0);
        var dropped = LabelsOfEpoch(new MiniBatches(data, 8, 1, dropLast: true), 0);
        Assert.Equal(2, kept[^1].Length);
        Assert.Equal(6, dropped.Length);
        Assert.All(dropped, b => Assert.Equal(8, b.Length));
    }

    [TorchFact]
    public void Without_shuffle_the_stored_order_is_kept()
    {
        using var data = Numbered(10);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), LabelsOfEpoch(new MiniBatches(data, 4, 9, shuffle: false), 5).SelectMany(b => b));
    }

    [TorchFact]
    public void Disposed_batches_leave_no_live_tensors_behind()
    {
        using var data = Numbered(64);
        var batches = new MiniBatches(data, 4, seed: 2);
        foreach (var batch in batches.Epoch(0)) batch.Dispose();
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (var epoch = 1; epoch <= 5; epoch++)
        {
            foreach (var batch in batches.Epoch(epoch)) batch.Dispose();
        }
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        // The counter does see batches that are kept alive, so the equality above is meaningful.
        using var kept = batches.Epoch(6).First();
        Assert.Equal(before + 2, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
