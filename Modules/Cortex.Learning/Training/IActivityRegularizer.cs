using static TorchSharp.torch;

namespace Cortex.Learning.Training;

/// <summary>
/// A layer that adds a penalty on its own activity to the training loss (e.g. the Hoyer regulariser). The
/// trainer adds <see cref="TakePenalty"/> of every such module after each forward pass in training mode.
/// </summary>
public interface IActivityRegularizer
{
    /// <summary>The weighted penalty of the last training forward (with its graph), or null; taking it clears it and the caller disposes it.</summary>
    Tensor? TakePenalty();
}
