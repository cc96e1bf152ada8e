using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Data;

/// <summary>
/// Seeded mini-batches over a <see cref="LabeledDataset"/>. Epoch e is shuffled by its own stream derived
/// from (seed, e), so the same seed gives the same order and a run resumed at epoch e sees exactly the
/// order it would have seen. Each yielded <see cref="Batch"/> owns fresh tensors: dispose it (or run the
/// loop body in a dispose scope) so long loops do not accumulate native memory.
/// </summary>
public sealed class MiniBatches
{
    private readonly LabeledDataset _dataset;

    /// <summary>Batches of <paramref name="batchSize"/> from <paramref name="dataset"/>.</summary>
    /// <param name="dataset">The samples (not owned).</param>
    /// <param name="batchSize">Samples per batch, at least 1.</param>
    /// <param name="seed">Seed of the epoch orders.</param>
    /// <param name="shuffle">False keeps the stored order (evaluation).</param>
    /// <param name="dropLast">Skip the last batch when it is smaller than <paramref name="batchSize"/>.</param>
    public MiniBatches(LabeledDataset dataset, int batchSize, ulong seed, bool shuffle = true, bool dropLast = false)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch size must be >= 1");
        _dataset = dataset;
        BatchSize = batchSize;
        Seed = seed;
        Shuffle = shuffle;
        DropLast = dropLast;
    }

    /// <summary>Samples per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Seed of the epoch orders.</summary>
    public ulong Seed { get; }

    /// <summary>Whether each epoch is shuffled.</summary>
    public bool Shuffle { get; }

    /// <summary>Whether a short last batch is skipped.</summary>
    public bool DropLast { get; }

    /// <summary>The number of batches per epoch.</summary>
    public int BatchesPerEpoch => DropLast ? _dataset.Count / BatchSize : (_dataset.Count + BatchSize - 1) / BatchSize;

    /// <summary>The sample order of epoch <paramref name="epoch"/> (0-based).</summary>
    public int[] Order(int epoch) => Shuffle
        ? SeededPermutation.Create(_dataset.Count, Seed, SeededPermutation.EpochOrderPurpose, epoch)
        : [.. Enumerable.Range(0, _dataset.Count)];

    /// <summary>The batches of epoch <paramref name="epoch"/>: inputs [B, …] and labels [B].</summary>
    public IEnumerable<Batch> Epoch(int epoch)
    {
        var order = Order(epoch);
        for (var b = 0; b < BatchesPerEpoch; b++)
        {
            var start = b * BatchSize;
            var length = Math.Min(BatchSize, order.Length - start);
            var indices = new long[length];
            for (var i = 0; i < length; i++) indices[i] = order[start + i];
            yield return Take(indices);
        }
    }

    private Batch Take(long[] indices)
    {
        using var scope = NewDisposeScope();
        var index = tensor(indices, ScalarType.Int64);
        var inputs = _dataset.Inputs.index_select(0, index).MoveToOuterDisposeScope();
        var labels = _dataset.Labels.index_select(0, index).MoveToOuterDisposeScope();
        return new Batch(inputs, labels);
    }
}

/// <summary>One mini-batch: inputs [B, …] and labels [B]; owns both tensors.</summary>
public sealed record Batch(Tensor Inputs, Tensor Labels) : IDisposable
{
    /// <inheritdoc />
    public void Dispose()
    {
        Inputs.Dispose();
        Labels.Dispose();
    }
}
