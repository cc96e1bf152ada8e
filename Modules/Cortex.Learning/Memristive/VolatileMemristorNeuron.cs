using Cortex.Learning.Neurons;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Memristive;

/// <summary>
/// A spiking neuron whose firing and reset are done by a volatile (threshold-switching) memristor across its
/// membrane capacitor, the device-level neuron of memristive SNNs trained with BPTT (MemProp; SPICEprop, Zhou et al.
/// 2022; the volatile-memristor LIF of Samardzic et al. 2022). Per step, with input current x[t] (threshold units):
/// <code>
/// h    = v + k·(x − v)                 k = 1 − exp(−1/τ)      the RC membrane charges
/// s    = S(h − V_th)                                           the device switches on at V_th
/// m    = m·r + (1 − m·r)·s             r = exp(−1/τ_m)        its state: set on, relaxing back (volatile)
/// v    = h·(1 − g·m)                                           the on device drains the membrane (the reset)
/// </code>
/// The output is s (the switching pulse). Because the device relaxes with τ_m, it keeps draining the membrane
/// for a few steps after a spike, so refractoriness comes out of the device rather than a reset rule; gradients
/// flow through the device state m. S is a Heaviside step with a surrogate (abrupt switching) or a sigmoid
/// σ(β·(h − V_th)) (smooth switching: the whole neuron is differentiable, no surrogate).
/// </summary>
public sealed class VolatileMemristorNeuron : nn.Module<Tensor, Tensor>, ISpikeEmitter
{
    private readonly double _charge;
    private readonly double _relaxation;

    /// <summary>Creates the layer; <paramref name="options"/> are validated here.</summary>
    public VolatileMemristorNeuron(VolatileMemristorOptions options) : base("memristive_neuron")
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _charge = 1 - Math.Exp(-1 / options.Tau);
        _relaxation = Math.Exp(-1 / options.MemristorTau);
    }

    /// <summary>The device and membrane parameters.</summary>
    public VolatileMemristorOptions Options { get; }

    /// <summary>The membrane potential after the last step of the last forward (detached).</summary>
    public Tensor? LastMembrane { get; private set; }

    /// <summary>The memristor state m ∈ [0, 1] after the last step of the last forward (detached): 0 off, 1 fully on.</summary>
    public Tensor? LastDeviceState { get; private set; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() < 2)
            throw new ArgumentException($"{GetName()}: expected input [T, batch, ...], got shape [{string.Join(", ", input.shape)}]", nameof(input));
        var steps = input.shape[0];
        using var scope = NewDisposeScope();
        var v = zeros_like(input[0]);
        var m = zeros_like(input[0]);
        var spikes = new Tensor[steps];
        for (var t = 0; t < steps; t++)
        {
            var h = v + (input[t] - v) * _charge;
            var s = Switch(h - Options.Threshold);
            var setting = Options.DetachReset ? s.detach() : s;
            var relaxed = m * _relaxation;
            m = relaxed + (1 - relaxed) * setting;
            v = h * (1 - m * Options.Shunt);
            spikes[t] = s;
        }
        LastMembrane?.Dispose();
        LastDeviceState?.Dispose();
        LastMembrane = v.detach().MoveToOuterDisposeScope();
        LastDeviceState = m.detach().MoveToOuterDisposeScope();
        return stack(spikes).MoveToOuterDisposeScope();
    }

    private Tensor Switch(Tensor overThreshold) => Options.Switching == MemristorSwitching.Smooth
        ? (overThreshold * Options.Sharpness).sigmoid()
        : Options.Surrogate.Spike(overThreshold);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            LastMembrane?.Dispose();
            LastDeviceState?.Dispose();
        }
        base.Dispose(disposing);
    }
}
