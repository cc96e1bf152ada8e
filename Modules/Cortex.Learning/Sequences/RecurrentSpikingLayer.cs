using Cortex.Learning.Neurons;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cortex.Learning.Sequences;

/// <summary>
/// A recurrent layer of spiking neurons: every step the neurons receive the input and their own spikes of
/// the step before,
/// <code>
///   x[t] = W_in·in[t] + b + W_rec·s[t−1],   s[t] = neuron(x[t])   (s[−1] = 0)
/// </code>
/// where <c>neuron</c> is any <see cref="SpikingNeuron"/> layer (lif, plif, alif, if), stepped one step at a
/// time so the spikes can feed back. With <c>alif</c> (an after-hyperpolarising current) this is the
/// recurrent network of Rao, Plank, Wild &amp; Maass 2022 ("A long short-term memory for AI applications in
/// spike-based neuromorphic hardware", Nature Machine Intelligence 4:467), whose slow AHP currents hold
/// information over many steps, as an LSTM's cell does. Input [T, B, in] → spikes [T, B, hidden].
/// Weights are [post, pre] and initialised as <c>nn.Linear</c> (uniform in ±1/√fan-in).
/// </summary>
public sealed class RecurrentSpikingLayer : nn.Module<Tensor, Tensor>, ISpikeEmitter
{
    // Field names equal the registered names: TorchSharp's Module.to() replaces parameters through them.
    private readonly Parameter input_weight;
    private readonly Parameter? bias;
    private readonly Parameter recurrent_weight;
    private readonly SpikingNeuron neuron;

    /// <summary>Creates the layer around <paramref name="neuronLayer"/>, which it owns.</summary>
    public RecurrentSpikingLayer(long inFeatures, long hidden, SpikingNeuron neuronLayer, bool hasBias = true) : base("recurrent")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inFeatures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        ArgumentNullException.ThrowIfNull(neuronLayer);
        InFeatures = inFeatures;
        Hidden = hidden;
        var inputBound = 1 / Math.Sqrt(inFeatures);
        var recurrentBound = 1 / Math.Sqrt(hidden);
        using (no_grad())
        {
            input_weight = nn.Parameter(empty(hidden, inFeatures).uniform_(-inputBound, inputBound));
            bias = hasBias ? nn.Parameter(empty(hidden).uniform_(-inputBound, inputBound)) : null;
            recurrent_weight = nn.Parameter(empty(hidden, hidden).uniform_(-recurrentBound, recurrentBound));
        }
        neuron = neuronLayer;
        register_parameter("input_weight", input_weight);
        if (bias is not null) register_parameter("bias", bias);
        register_parameter("recurrent_weight", recurrent_weight);
        register_module("neuron", neuron);
    }

    /// <summary>Number of input features.</summary>
    public long InFeatures { get; }

    /// <summary>Number of recurrent neurons.</summary>
    public long Hidden { get; }

    /// <summary>W_in [hidden, in].</summary>
    public Parameter InputWeight => input_weight;

    /// <summary>b [hidden], or null without bias.</summary>
    public Parameter? Bias => bias;

    /// <summary>W_rec [hidden, hidden] (row i: the weights onto neuron i).</summary>
    public Parameter RecurrentWeight => recurrent_weight;

    /// <summary>The neurons.</summary>
    public SpikingNeuron Neuron => neuron;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 3 || input.shape[2] != InFeatures)
            throw new ArgumentException($"recurrent: expected input [T, batch, {InFeatures}], got [{string.Join(", ", input.shape)}]", nameof(input));
        using var scope = NewDisposeScope();
        var steps = input.shape[0];
        // The feed-forward part for all steps at once; only the recurrent product waits for the previous step.
        var drive = nn.functional.linear(input.to(input_weight.dtype), input_weight, bias);
        var run = neuron.BeginSteps(drive[0]);
        var spikes = new Tensor[steps];
        for (var t = 0; t < steps; t++)
        {
            var current = t == 0 ? drive[0] : drive[t] + nn.functional.linear(spikes[t - 1], recurrent_weight);
            spikes[t] = neuron.Step(current, run);
        }
        return stack(spikes).MoveToOuterDisposeScope();
    }
}
