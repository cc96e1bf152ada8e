using Cortex.Learning.Layers;
using Cortex.Learning.Neurons;
using Cortex.Learning.Surrogates;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Cognition.Reinforcement.SurrogateGradient;

/// <summary>
/// The spiking network behind the policy and the value: the (scaled) observation is a constant current into a first
/// layer of LIF neurons for T steps, a second LIF layer follows, and a non-spiking leaky integrator reads the spikes out
/// (<see cref="LeakyIntegratorReadout"/>). Spikes are Heaviside forward and arctan-surrogate backward (Cortex.Learning's
/// fused LIF), so the whole network trains by backpropagation through time.
/// </summary>
internal sealed class SpikingPolicyNetwork : nn.Module<Tensor, Tensor>
{
    // Weight and bias scales relative to PyTorch's ±1/√in, and hidden biases centred on the threshold θ = 1: the
    // observation is near zero at first (the pole upright), so without them the layers start nearly silent and little
    // surrogate gradient flows. Centred on θ, about half the neurons fire at rest and the input moves them either way.
    private const double InputGain = 3;
    private const double HiddenGain = 3;

    // Field names are the registered module names.
    private readonly TimeDistributedLinear input;
    private readonly LifNeuron lif1;
    private readonly TimeDistributedLinear hidden;
    private readonly LifNeuron lif2;
    private readonly TimeDistributedLinear output;
    private readonly LeakyIntegratorReadout readout;

    /// <summary>
    /// A network of <paramref name="inputs"/> → hidden → hidden → <paramref name="outputs"/>; weights drawn from
    /// <paramref name="generator"/>, the output layer's scaled by <paramref name="outputGain"/> (small for a policy,
    /// so it starts near uniform).
    /// </summary>
    public SpikingPolicyNetwork(int inputs, int outputs, SurrogateGradientSettings settings, double outputGain, Generator generator) : base("spiking_policy")
    {
        Steps = settings.TimeSteps;
        var neurons = new NeuronOptions { Reset = ResetMode.Subtract, Surrogate = new ArcTanSurrogate() };
        input = Linear(inputs, settings.Hidden, InputGain, neurons.Threshold, generator);
        lif1 = new LifNeuron(settings.TauHidden, neurons);
        hidden = Linear(settings.Hidden, settings.Hidden, HiddenGain, neurons.Threshold, generator);
        lif2 = new LifNeuron(settings.TauHidden, neurons);
        output = Linear(settings.Hidden, outputs, outputGain, 0, generator);
        readout = new LeakyIntegratorReadout(settings.TimeSteps, settings.TauReadout);
        RegisterComponents();
    }

    /// <summary>Simulation steps per observation.</summary>
    public int Steps { get; }

    /// <summary>Observations [B, in] → readout membranes [B, out].</summary>
    public override Tensor forward(Tensor observations)
    {
        var (first, second) = HiddenSpikes(observations);
        using (first)
        using (second)
        using (var currents = output.call(second))
            return readout.call(currents);
    }

    /// <summary>The spikes [T, B, hidden] of both hidden layers for <paramref name="observations"/> [B, in].</summary>
    public (Tensor First, Tensor Second) HiddenSpikes(Tensor observations)
    {
        using var sequence = observations.unsqueeze(0).expand(Steps, observations.shape[0], observations.shape[1]);
        using var inputCurrents = input.call(sequence);
        var first = lif1.call(inputCurrents);
        using var hiddenCurrents = hidden.call(first);
        return (first, lif2.call(hiddenCurrents));
    }

    private static TimeDistributedLinear Linear(int inputs, int outputs, double gain, double biasCentre, Generator generator)
    {
        var layer = new TimeDistributedLinear(inputs, outputs);
        var bound = gain / Math.Sqrt(inputs);
        using (no_grad())
        {
            layer.Weight.uniform_(-bound, bound, generator);
            layer.Bias!.uniform_(biasCentre - bound, biasCentre + bound, generator);
        }
        return layer;
    }
}
