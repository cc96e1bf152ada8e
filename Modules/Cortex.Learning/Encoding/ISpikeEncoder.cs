using static TorchSharp.torch;

namespace Cortex.Learning.Encoding;

/// <summary>Turns a batch of static samples into a sequence the network runs over.</summary>
public interface ISpikeEncoder
{
    /// <summary>The registered name.</summary>
    string Name { get; }

    /// <summary>
    /// Encodes <paramref name="batch"/> [B, …] (values scaled to [0, 1]) into [T, B, …'] with
    /// T = <paramref name="steps"/>; random encoders draw from <paramref name="generator"/> so runs are seeded.
    /// </summary>
    Tensor Encode(Tensor batch, int steps, Generator? generator);

    /// <summary>The per-sample shape the encoder produces from <paramref name="inputShape"/> (most keep it).</summary>
    IReadOnlyList<long> OutputShape(IReadOnlyList<long> inputShape) => inputShape;

    /// <summary>
    /// Why this encoder cannot run samples of <paramref name="inputShape"/> for <paramref name="steps"/> steps
    /// (e.g. a sequence encoder whose step count is fixed by the image), naming the <c>model</c> key at fault;
    /// null when it can. Checked when the model is built, before any data flows.
    /// </summary>
    EncoderProblem? Problem(IReadOnlyList<long> inputShape, int steps) => null;
}

