using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cortex.Learning.Neurons;

/// <summary>
/// Parametric LIF (Fang et al. 2021): the per-step leak k = sigmoid(w) is learned with the weights, one w
/// per layer, initialised so that τ equals <c>tau</c>. Same charge as <see cref="LifNeuron"/>, so
/// τ = −1/ln(1 − k) exports to NIR and to the engine.
/// </summary>
public sealed class ParametricLifNeuron : LifNeuron
{
    /// <summary>Creates the layer with initial τ <paramref name="tau"/> (time steps).</summary>
    public ParametricLifNeuron(double tau, NeuronOptions options, bool learnThreshold = false)
        : base("plif", tau, options, learnThreshold)
    {
        var k = LeakFromTau(tau);
        leak_logit = nn.Parameter(tensor(Math.Log(k / (1 - k)), float32));
        register_parameter("leak_logit", leak_logit);
    }

    // Named as registered: TorchSharp's Module.to() swaps parameters through fields of the same name.
    private readonly Parameter leak_logit;

    /// <summary>w, with k = sigmoid(w).</summary>
    public Parameter LeakLogit => leak_logit;

    /// <inheritdoc />
    public override double CurrentTau => TauFromLeak(1 / (1 + Math.Exp(-LeakLogit.ToDouble())));

    protected override Tensor Charge(Tensor v, Tensor x, NeuronState? state)
    {
        var k = LeakLogit.sigmoid();
        using var gap = Gap(v, x);
        return v + gap * k;
    }
}
