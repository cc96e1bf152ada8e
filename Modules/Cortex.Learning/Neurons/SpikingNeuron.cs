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
        // The fused kernel loops over CPU memory; on a GPU the per-step graph runs (the same spikes).
        if (UseFusedKernel && input.device_type == DeviceType.CPU && FixedChargeOrNull is { } fixedCharge)
            return ForwardFused(input, fixedCharge);
        var steps = input.shape[0];
        using var scope = NewDisposeScope();
        var run = BeginSteps(input[0]);
        var spikes = new Tensor[steps];
        for (var t = 0; t < steps; t++) spikes[t] = Step(input[t], run);
        LastMembrane?.Dispose();
        LastMembrane = run.Membrane.detach().MoveToOuterDisposeScope();
        return stack(spikes).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Starts a sequence one step at a time (for layers that feed spikes back, e.g. a recurrent layer):
    /// the resting membrane and the model's extra state, shaped like one step's input [B, …].
    /// </summary>
    public NeuronSteps BeginSteps(Tensor like)
    {
        ArgumentNullException.ThrowIfNull(like);
        return new NeuronSteps(full_like(like, Options.VLeak), CreateState(like), ThresholdTensor(like));
    }

    /// <summary>
    /// One step of the per-step graph: charge from <paramref name="input"/> [B, …], spike through the surrogate,
    /// reset, update the extra state; returns the spikes. <see cref="forward"/> is this applied T times.
    /// </summary>
    public Tensor Step(Tensor input, NeuronSteps run)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(run);
        var h = Charge(run.Membrane, input, run.State);
        var spike = Options.Surrogate.Spike(h - run.Threshold);
        var resetSpike = Options.DetachReset ? spike.detach() : spike;
        run.Membrane = Options.Reset == ResetMode.Subtract
            ? h - resetSpike * run.Threshold
            : h * (1 - resetSpike) + resetSpike * Options.VReset;
        AfterSpike(spike, run.State);
        return spike;
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

/// <summary>The running state of a layer stepped by <see cref="SpikingNeuron.Step"/>: membrane, extra state, threshold.</summary>
public sealed class NeuronSteps
{
    internal NeuronSteps(Tensor membrane, NeuronState? state, Tensor threshold)
    {
        Membrane = membrane;
        State = state;
        Threshold = threshold;
    }

    /// <summary>The membrane after the last step (the resting value before the first).</summary>
    public Tensor Membrane { get; internal set; }

    /// <summary>The model's extra state (e.g. the adaptation current), or null.</summary>
    public NeuronState? State { get; }

    /// <summary>The threshold tensor (a parameter where it is learned).</summary>
    public Tensor Threshold { get; }
}
