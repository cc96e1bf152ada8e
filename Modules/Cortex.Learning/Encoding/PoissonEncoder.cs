using static TorchSharp.torch;

namespace Cortex.Learning.Encoding;

/// <summary>
/// Rate coding: at every step each input spikes independently with probability p = min(1, x · gain)
/// (a Bernoulli approximation of a Poisson process with dt = 1 step). Draws come from the generator,
/// so a seeded generator gives the same spikes.
/// </summary>
public sealed class PoissonEncoder : SpikeEncoder
{
    /// <summary>Creates the encoder; <paramref name="gain"/> is the spike probability per step at x = 1.</summary>
    public PoissonEncoder(double gain = 1.0)
    {
        if (!(gain >= 0) || double.IsInfinity(gain))
            throw new ArgumentOutOfRangeException(nameof(gain), gain, $"poisson: gain must be a finite number >= 0, got {gain}");
        Gain = gain;
    }

    /// <summary>Spike probability per step for x = 1.</summary>
    public double Gain { get; }

    /// <inheritdoc />
    public override string Name => "poisson";

    /// <inheritdoc />
    protected override Tensor EncodeChecked(Tensor batch, int steps, Generator? generator)
    {
        var probability = (batch * Gain).clamp_(0, 1);
        var uniform = EncoderNoise.Uniform([steps, .. batch.shape], generator, batch.device);
        return uniform.lt(probability.unsqueeze(0)).to_type(ScalarType.Float32);
    }
}
