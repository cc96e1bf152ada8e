using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cortex.Learning.Neurons;

/// <summary>
/// Leaky integrate-and-fire with a fixed τ (in time steps): h = v + k·(x − (v − v_leak)), k = 1 − exp(−1/τ).
/// This is the exact solution of τ dv/dt = (v_leak − v) + x over one step with x held constant, i.e.
/// NIR's LIF with r = 1 and Cortex's engine <c>lif</c> with R = 1, so trained weights carry over unchanged.
/// With a learned threshold, θ is a parameter trained with the weights (synapse–threshold co-learning).
/// </summary>
public class LifNeuron : SpikingNeuron
{
    private readonly double _leak;

    // Named as registered: TorchSharp's Module.to() swaps parameters through fields of the same name.
    private readonly Parameter? threshold;

    /// <summary>Creates the layer with membrane time constant <paramref name="tau"/> (time steps, &gt; 0).</summary>
    public LifNeuron(double tau, NeuronOptions options, bool learnThreshold = false) : this("lif", tau, options, learnThreshold)
    {
    }

    /// <summary>For subclasses that register under another name.</summary>
    protected LifNeuron(string name, double tau, NeuronOptions options, bool learnThreshold) : base(name, options)
    {
        if (!(tau > 0) || double.IsInfinity(tau))
            throw new ArgumentOutOfRangeException(nameof(tau), tau, "tau must be a positive finite number of time steps");
        Tau = tau;
        _leak = LeakFromTau(tau);
        if (learnThreshold)
        {
            threshold = nn.Parameter(tensor(options.Threshold, float32));
            register_parameter("threshold", threshold);
        }
    }

    /// <summary>The initial (or fixed) membrane time constant in time steps.</summary>
    public double Tau { get; }

    /// <summary>The trainable threshold, or null when θ is fixed.</summary>
    public Parameter? LearnedThreshold => threshold;

    /// <summary>The current threshold value.</summary>
    public double CurrentThreshold => LearnedThreshold is null ? Options.Threshold : LearnedThreshold.ToDouble();

    /// <summary>k = 1 − exp(−1/τ): the fraction of the gap to the input closed per step.</summary>
    public static double LeakFromTau(double tau) => -(Math.Exp(-1 / tau) - 1);

    /// <summary>τ = −1/ln(1 − k), the inverse of <see cref="LeakFromTau"/>.</summary>
    public static double TauFromLeak(double k) => -1 / Math.Log(1 - k);

    /// <summary>The current membrane time constant in time steps.</summary>
    public virtual double CurrentTau => Tau;

    protected override Tensor ThresholdTensor(Tensor like) =>
        LearnedThreshold is null ? base.ThresholdTensor(like) : LearnedThreshold.to(like.dtype);

    protected override FixedCharge? FixedChargeOrNull =>
        LearnedThreshold is null && GetType() == typeof(LifNeuron) ? new FixedCharge(false, (float)_leak, (float)Options.VLeak) : null;

    protected override Tensor Charge(Tensor v, Tensor x, NeuronState? state)
    {
        using var gap = Gap(v, x);
        return v + gap * _leak;
    }

    /// <summary>x − (v − v_leak), the distance the charge h = v + k·gap closes a fraction k of.</summary>
    protected Tensor Gap(Tensor v, Tensor x) => Options.VLeak == 0 ? x - v : x - (v - Options.VLeak);
}
