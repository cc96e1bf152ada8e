using static TorchSharp.torch;

namespace Cortex.Learning.PatternCompletion;

/// <summary>
/// A batch of pattern-completion episodes: the input sequences, the full test patterns to reconstruct and
/// which of their bits were zeroed. Owns its tensors.
/// </summary>
/// <param name="Inputs">The input [steps, batch, pattern size], already scaled by the input gain.</param>
/// <param name="Targets">The full test pattern of each episode [batch, pattern size], ±1.</param>
/// <param name="Missing">1 where the test pattern's bit was zeroed in the input, else 0 [batch, pattern size].</param>
public sealed record PatternEpisodeBatch(Tensor Inputs, Tensor Targets, Tensor Missing) : IDisposable
{
    /// <summary>Episodes in the batch.</summary>
    public int Count => (int)Targets.shape[0];

    /// <inheritdoc />
    public void Dispose()
    {
        Inputs.Dispose();
        Targets.Dispose();
        Missing.Dispose();
    }
}
