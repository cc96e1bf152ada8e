using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Cognition.Reinforcement.SurrogateGradient;

/// <summary>
/// A non-spiking leaky integrator read out at the last step: v_t = v_{t−1} + k·(x_t − v_{t−1}) from v_0 = 0, with
/// k = 1 − exp(−1/τ) as in <see cref="Cortex.Learning.Neurons.LifNeuron"/>; the output is v_T, i.e. the weighted sum
/// Σ_t k·(1 − k)^(T−t)·x_t, computed in one step. Its membrane is the policy's logits or the value, as in the SNN-RL
/// readouts of Tang et al. (2020, PopSAN) and Chen et al. (2022): a real-valued output without rate-decoding noise.
/// </summary>
internal sealed class LeakyIntegratorReadout : nn.Module<Tensor, Tensor>
{
    private readonly Tensor _weights;

    /// <summary>A readout over <paramref name="steps"/> steps with time constant <paramref name="tau"/> (in steps).</summary>
    public LeakyIntegratorReadout(int steps, double tau) : base("leaky_integrator")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var k = -(Math.Exp(-1 / tau) - 1);
        var weights = new float[steps];
        for (var t = 0; t < steps; t++) weights[t] = (float)(k * Math.Pow(1 - k, steps - 1 - t));
        _weights = tensor(weights).reshape(steps, 1, 1);
    }

    /// <summary>Currents [T, B, n] → the membrane after the last step [B, n].</summary>
    public override Tensor forward(Tensor input)
    {
        using var weighted = input * _weights;
        return weighted.sum(0L, keepdim: false);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _weights.Dispose();
        base.Dispose(disposing);
    }
}
