using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Data;

/// <summary>
/// Samples and their class labels held in memory: inputs float32 [N, C, H, W] or [N, features] scaled to
/// [0, 1], labels int64 [N] in [0, <see cref="ClassCount"/>). Owns its tensors; dispose it when done.
/// </summary>
public sealed class LabeledDataset : IDisposable
{
    /// <summary>Wraps <paramref name="inputs"/> and <paramref name="labels"/> (taken over, not copied).</summary>
    public LabeledDataset(string name, Tensor inputs, Tensor labels, int classCount)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        if (inputs.dim() < 2)
            throw new ArgumentException($"{name}: inputs must be [N, ...], got shape [{string.Join(", ", inputs.shape)}]", nameof(inputs));
        if (labels.dim() != 1 || labels.shape[0] != inputs.shape[0])
            throw new ArgumentException($"{name}: labels must be [N] with N = {inputs.shape[0]} (the number of inputs), got shape [{string.Join(", ", labels.shape)}]", nameof(labels));
        if (inputs.dtype != ScalarType.Float32 || labels.dtype != ScalarType.Int64)
            throw new ArgumentException($"{name}: inputs must be float32 and labels int64, got {inputs.dtype} and {labels.dtype}");
        if (classCount < 1)
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, $"{name}: class count must be >= 1");
        Name = name;
        Inputs = inputs;
        Labels = labels;
        ClassCount = classCount;
    }

    /// <summary>The dataset's name and split, e.g. "fashion-mnist/train".</summary>
    public string Name { get; }

    /// <summary>Inputs [N, …] as float32 in [0, 1].</summary>
    public Tensor Inputs { get; }

    /// <summary>Labels [N] as int64.</summary>
    public Tensor Labels { get; }

    /// <summary>The number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>The number of samples.</summary>
    public int Count => (int)Inputs.shape[0];

    /// <summary>The shape of one sample, e.g. [1, 28, 28].</summary>
    public IReadOnlyList<long> SampleShape => Inputs.shape[1..];

    /// <summary>The labels as a managed array (for splitting and counting).</summary>
    public long[] LabelArray() => Labels.data<long>().ToArray();

    /// <summary>A new dataset of the samples at <paramref name="indices"/>, in that order (copied).</summary>
    public LabeledDataset Subset(IReadOnlyList<long> indices, string name)
    {
        ArgumentNullException.ThrowIfNull(indices);
        using var scope = NewDisposeScope();
        using var index = tensor(indices.ToArray(), ScalarType.Int64);
        var inputs = Inputs.index_select(0, index).MoveToOuterDisposeScope();
        var labels = Labels.index_select(0, index).MoveToOuterDisposeScope();
        return new LabeledDataset(name, inputs, labels, ClassCount);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Inputs.Dispose();
        Labels.Dispose();
    }
}
