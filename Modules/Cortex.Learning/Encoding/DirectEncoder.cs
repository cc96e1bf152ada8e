using static TorchSharp.torch;

namespace Cortex.Learning.Encoding;

/// <summary>
/// Direct (analog) input: the same values at every step, so the first layer's neurons do the encoding
/// (Rueckauer et al. 2017; the usual choice for static images with few steps).
/// </summary>
public sealed class DirectEncoder : SpikeEncoder
{
    /// <inheritdoc />
    public override string Name => "direct";

    /// <inheritdoc />
    protected override Tensor EncodeChecked(Tensor batch, int steps, Generator? generator) => RepeatOverTime(batch, steps);
}
