using static TorchSharp.torch;

namespace Cortex.Learning.Encoding;

/// <summary>
/// Population coding with Gaussian receptive fields (Bohte et al. 2002): each scalar input x feeds n
/// neurons with centres μ_j = j / (n − 1) spread over [0, 1] and width σ; neuron j fires with probability
/// p_j = gain · exp(−(x − μ_j)² / 2σ²) per step, so the neuron whose centre is nearest x fires most.
/// The n neurons of an input are adjacent in the first sample dimension: [F] → [F·n], [C, H, W] →
/// [C·n, H, W] (input c's neurons are channels c·n … c·n + n − 1). Emits Bernoulli spikes by default, or
/// the probabilities when <see cref="Output"/> is <see cref="PopulationOutput.Rates"/>.
/// </summary>
public sealed class PopulationEncoder : SpikeEncoder
{
    /// <summary>Creates the encoder.</summary>
    /// <param name="neurons">Neurons per input, at least 2.</param>
    /// <param name="sigma">Receptive-field width, &gt; 0; null means the centre spacing 1 / (n − 1).</param>
    /// <param name="gain">Peak spike probability per step, in [0, 1].</param>
    /// <param name="output">Spikes or rates.</param>
    public PopulationEncoder(int neurons = 8, double? sigma = null, double gain = 1, PopulationOutput output = PopulationOutput.Spikes)
    {
        if (neurons < 2)
            throw new ArgumentOutOfRangeException(nameof(neurons), neurons, $"population: neurons must be >= 2, got {neurons}");
        var width = sigma ?? 1.0 / (neurons - 1);
        if (!(width > 0) || double.IsInfinity(width))
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, $"population: sigma must be a finite number > 0, got {sigma}");
        if (!(gain >= 0 && gain <= 1))
            throw new ArgumentOutOfRangeException(nameof(gain), gain, $"population: gain must be in [0, 1], got {gain}");
        Neurons = neurons;
        Sigma = width;
        Gain = gain;
        Output = output;
    }

    /// <summary>Neurons per input.</summary>
    public int Neurons { get; }

    /// <summary>Receptive-field width.</summary>
    public double Sigma { get; }

    /// <summary>Peak spike probability per step.</summary>
    public double Gain { get; }

    /// <summary>Spikes or rates.</summary>
    public PopulationOutput Output { get; }

    /// <inheritdoc />
    public override string Name => "population";

    /// <inheritdoc />
    public override IReadOnlyList<long> OutputShape(IReadOnlyList<long> inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Count == 0) throw new ArgumentException("population: the sample shape needs at least one dimension", nameof(inputShape));
        return [inputShape[0] * Neurons, .. inputShape.Skip(1)];
    }

    /// <summary>The per-step firing probabilities [B, …'] for a batch [B, …].</summary>
    public Tensor Rates(Tensor batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.dim() < 2) throw new ArgumentException($"population: expected [B, features...], got shape [{string.Join(", ", batch.shape)}]", nameof(batch));
        using var scope = NewDisposeScope();
        var centreShape = new long[batch.dim() + 1];
        Array.Fill(centreShape, 1L);
        centreShape[2] = Neurons;
        var centres = linspace(0, 1, Neurons, ScalarType.Float32, batch.device).view(centreShape);
        var distance = batch.to_type(ScalarType.Float32).unsqueeze(2) - centres;
        var rates = (distance.square() / (-2 * Sigma * Sigma)).exp_().mul_(Gain);
        long[] merged = [batch.shape[0], batch.shape[1] * Neurons, .. batch.shape.Skip(2)];
        return rates.reshape(merged).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override Tensor EncodeChecked(Tensor batch, int steps, Generator? generator)
    {
        var rates = Rates(batch);
        if (Output == PopulationOutput.Rates) return RepeatOverTime(rates, steps);
        var uniform = EncoderNoise.Uniform([steps, .. rates.shape], generator, batch.device);
        return uniform.lt(rates.unsqueeze(0)).to_type(ScalarType.Float32);
    }
}
