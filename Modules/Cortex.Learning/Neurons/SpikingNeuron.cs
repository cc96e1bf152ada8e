using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Neurons;

/// <summary>
/// A layer of spiking neurons run over a whole sequence: input currents [T, B, …] in, spikes [T, B, …]
/// out, every forward starting from rest (so no state leaks between batches). Step t computes the charge
/// h[t] from v[t−1] and x[t], fires s[t] = Θ(h[t] − θ) through the surrogate, then resets.
/// Subclasses define only the charge (and any extra state).
/// </summary>
public abstract class SpikingNeuron : nn.Module<Tensor, Tensor>, ISpikeEmitter
{
    /// <summary>Creates the layer; <paramref name="options"/> are validated here.</summary>
    protected SpikingNeuron(string name, NeuronOptions options) : base(name)
    {
        options.Validate();
        Options = options;
    }

    /// <summary>Threshold, reset and surrogate.</summary>
    public NeuronOptions Options { get; }

    /// <summary>The threshold tensor used in the spike condition (a parameter where it is learnable).</summary>
    protected virtual Tensor ThresholdTensor(Tensor like) => tensor(Options.Threshold, like.dtype, like.device);

    /// <summary>
    /// Whether a layer whose charge has fixed parameters (<see cref="FixedChargeOrNull"/>) runs as one fused
    /// autograd node (the default) instead of a per-step graph. Both give the same spikes; tests compare them.
    /// </summary>
    public bool UseFusedKernel { get; set; } = true;

    /// <summary>The charge as a fixed linear map when its parameters are not learned, else null (per-step graph).</summary>
    protected virtual FixedCharge? FixedChargeOrNull => null;

    /// <summary>The membrane potential after the last step of the last forward, for inspection (detached).</summary>
    public Tensor? LastMembrane { get; private set; }

    /// <summary>The fixed charge, for kernels that run this layer fused with the one before it (sparse backward).</summary>
    internal FixedCharge? FusableCharge => FixedChargeOrNull;

    /// <summary>Takes the final membrane of a forward run by such a fused kernel.</summary>
    internal void AdoptMembrane(Tensor? membrane)
    {
        LastMembrane?.Dispose();
        LastMembrane = membrane;
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        if (input.dim() < 2)
            throw new ArgumentException($"{GetName()}: expected input [T, batch, ...], got shape [{string.Join(", ", input.shape)}]", nameof(input));
        if (UseFusedKernel && FixedChargeOrNull is { } fixedCharge)
            return ForwardFused(input, fixedCharge);
        var steps = input.shape[0];
        using var scope = NewDisposeScope();
        var threshold = ThresholdTensor(input);
        var v = full_like(input[0], Options.VLeak);
        var state = CreateState(input[0]);
        var spikes = new Tensor[steps];
        for (var t = 0; t < steps; t++)
        {
            var h = Charge(v, input[t], state);
            var spike = Options.Surrogate.Spike(h - threshold);
            var resetSpike = Options.DetachReset ? spike.detach() : spike;
            v = Options.Reset == ResetMode.Subtract
                ? h - resetSpike * threshold
                : h * (1 - resetSpike) + resetSpike * Options.VReset;
            AfterSpike(spike, state);
            spikes[t] = spike;
        }
        LastMembrane?.Dispose();
        LastMembrane = v.detach().MoveToOuterDisposeScope();
        return stack(spikes).MoveToOuterDisposeScope();
    }

    private Tensor ForwardFused(Tensor input, FixedCharge charge)
    {
        var settings = new FusedChargeSettings(charge, Options);
        var spikes = FusedChargeFunction.Run(input, settings);
        LastMembrane?.Dispose();
        LastMembrane = settings.FinalMembrane;
        return spikes;
    }

    /// <summary>Extra per-sequence state (e.g. an adaptation current); null when the model has none.</summary>
    protected virtual NeuronState? CreateState(Tensor like) => null;

    /// <summary>The membrane before the spike decision at this step: h[t] = f(v[t−1], x[t]).</summary>
    protected abstract Tensor Charge(Tensor v, Tensor x, NeuronState? state);

    /// <summary>Updates extra state after the spike decision.</summary>
    protected virtual void AfterSpike(Tensor spike, NeuronState? state)
    {
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) LastMembrane?.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>Extra per-sequence neuron state, replaced step by step.</summary>
public sealed class NeuronState
{
    /// <summary>The state variable (e.g. the adaptation current).</summary>
    public required Tensor Value { get; set; }
}
