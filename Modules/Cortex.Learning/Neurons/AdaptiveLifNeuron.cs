using static TorchSharp.torch;

namespace Cortex.Learning.Neurons;

/// <summary>
/// LIF with an after-hyperpolarisation current w: each spike adds <c>adaptation</c> to w, which decays with
/// τ_w, and the neuron integrates x − w. Spike-frequency adaptation in the style of AdEx's w (without the
/// subthreshold coupling), as in Bellec et al.'s LSNNs but acting on the current rather than θ.
/// </summary>
public sealed class AdaptiveLifNeuron : LifNeuron
{
    private readonly double _adaptationDecay;

    /// <summary>Creates the layer; τ and τ_w are in time steps, <paramref name="adaptation"/> ≥ 0 in threshold units.</summary>
    public AdaptiveLifNeuron(double tau, double tauAdaptation, double adaptation, NeuronOptions options, bool learnThreshold = false)
        : base("alif", tau, options, learnThreshold)
    {
        if (!(tauAdaptation > 0) || double.IsInfinity(tauAdaptation))
            throw new ArgumentOutOfRangeException(nameof(tauAdaptation), tauAdaptation, "tau_adaptation must be a positive finite number of time steps");
        if (!(adaptation >= 0) || double.IsInfinity(adaptation))
            throw new ArgumentOutOfRangeException(nameof(adaptation), adaptation, "adaptation must be a finite number >= 0");
        TauAdaptation = tauAdaptation;
        Adaptation = adaptation;
        _adaptationDecay = Math.Exp(-1 / tauAdaptation);
    }

    /// <summary>Decay time constant of the adaptation current (time steps).</summary>
    public double TauAdaptation { get; }

    /// <summary>Jump of the adaptation current per spike.</summary>
    public double Adaptation { get; }

    protected override NeuronState? CreateState(Tensor like) => new() { Value = zeros_like(like) };

    protected override Tensor Charge(Tensor v, Tensor x, NeuronState? state)
    {
        using var drive = x - state!.Value;
        return base.Charge(v, drive, state);
    }

    protected override void AfterSpike(Tensor spike, NeuronState? state) =>
        state!.Value = state.Value * _adaptationDecay + spike * Adaptation;
}
