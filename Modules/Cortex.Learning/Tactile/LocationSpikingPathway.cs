using Cortex.Learning.Layers;
using Cortex.Learning.Neurons;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Tactile;

/// <summary>
/// The location branch of Kang et al.'s hybrid model ("Event-Driven Tactile Learning with Location Spiking Neurons",
/// IJCNN 2022; Frontiers in Neuroscience 2023): location spiking neurons, whose membrane integrates and leaks along
/// the sensor's locations instead of along time. A recording [T, B, P, H, W] is read as a sequence over the H·W taxels
/// in raster order, each taxel carrying its whole event history (T·P values) as input features; a linear map to
/// <c>hidden</c> units, LIF neurons stepped from taxel to taxel (the location spike trains), and a linear readout whose
/// mean over locations gives the class scores [B, classes].
/// </summary>
public sealed class LocationSpikingPathway : nn.Module<Tensor, Tensor>
{
    private readonly TimeDistributedLinear input;
    private readonly LifNeuron neurons;
    private readonly TimeDistributedLinear readout;

    /// <summary>Creates the branch for recordings of <paramref name="steps"/> bins with <paramref name="channels"/> channels per taxel.</summary>
    public LocationSpikingPathway(int steps, long channels, long hidden, long classes, double tau, NeuronOptions options, string configPath = "location_hybrid")
        : base("location_pathway")
    {
        ConfigPath = configPath;
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        Steps = steps;
        Channels = channels;
        input = new TimeDistributedLinear(steps * channels, hidden);
        neurons = new LifNeuron(tau, options);
        readout = new TimeDistributedLinear(hidden, classes);
        register_module("input", input);
        register_module("neurons", neurons);
        register_module("readout", readout);
    }

    /// <summary>Time bins each recording must have (the input features per taxel are steps × channels).</summary>
    public int Steps { get; }

    /// <summary>Where the layer sits in the model config (named when a recording does not fit).</summary>
    public string ConfigPath { get; }

    /// <summary>Channels per taxel (2 for ON/OFF events).</summary>
    public long Channels { get; }

    /// <summary>The location spiking neurons (their "time" axis is the taxel index).</summary>
    public LifNeuron Neurons => neurons;

    /// <summary>[T, B, P, H, W] → the taxels as a sequence [H·W, B, T·P] (raster order, features time-major).</summary>
    public static Tensor LocationSequence(Tensor recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        var (t, b, p) = (recording.shape[0], recording.shape[1], recording.shape[2]);
        return recording.reshape(t, b, p, -1).permute(3, 1, 0, 2).reshape(-1, b, t * p);
    }

    /// <summary>The location spike trains [H·W, B, hidden] of <paramref name="recording"/>.</summary>
    public Tensor LocationSpikes(Tensor recording)
    {
        CheckSteps(recording);
        return neurons.call(input.call(LocationSequence(recording)));
    }

    /// <summary>Class scores [B, classes]: the readout averaged over the locations.</summary>
    public override Tensor forward(Tensor recording)
    {
        using var scope = NewDisposeScope();
        return readout.call(LocationSpikes(recording)).mean([0]).MoveToOuterDisposeScope();
    }

    private void CheckSteps(Tensor recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        if (recording.dim() != 5 || recording.shape[2] != Channels)
            throw new ArgumentException($"{ConfigPath}: expected [T, B, {Channels}, H, W], got [{string.Join(", ", recording.shape)}]", nameof(recording));
        if (recording.shape[0] != Steps)
            throw new Registry.LearningConfigException($"{ConfigPath}.steps: {Steps} does not match the {recording.shape[0]} time steps the layer receives (model.steps)");
    }
}
