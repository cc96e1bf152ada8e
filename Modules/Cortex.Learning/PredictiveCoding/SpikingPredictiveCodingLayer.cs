using Cortex.Learning.Neurons;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.PredictiveCoding;

/// <summary>
/// A stack of spiking predictive-coding layers that learns with local updates only, after Ororbia's spiking neural
/// coding network (SpNCN: "Spiking neural predictive coding for continually learning from data streams",
/// Neurocomputing 2023, arXiv 1908.08655). Layer ℓ holds LIF neurons with spike traces z^ℓ (z^0 is the trace of the
/// input). Each step every layer predicts the one below, μ^{ℓ−1} = W^ℓ·z^ℓ; error units hold e^{ℓ−1} = z^{ℓ−1} − μ^{ℓ−1};
/// a layer's neurons are driven by the error below, sent up through their own error-feedback weights E^ℓ, minus their
/// own error: j^ℓ = E^ℓ·e^{ℓ−1} − e^ℓ (the top layer has no error of its own). In training mode, after the sequence,
/// W^ℓ += η·⟨e^{ℓ−1}·z^ℓᵀ⟩ (the negative gradient of the time-averaged local energy ½‖e^{ℓ−1}‖² in W^ℓ, z fixed) and
/// E^ℓ += η_E·ΔW^ℓᵀ (SpNCN's error-synapse rule): no gradient passes between layers or steps, so no BPTT.
/// The output is the top layer's spikes [T, B, top], detached: a readout after it learns from them alone.
/// </summary>
public sealed class SpikingPredictiveCodingLayer : nn.Module<Tensor, Tensor>, ISpikeEmitter
{
    private readonly int _levels;

    /// <summary>Creates the stack for <paramref name="inFeatures"/> inputs and layers of <paramref name="sizes"/> neurons.</summary>
    /// <param name="inFeatures">Inputs per sample (the bottom layer predicts them).</param>
    /// <param name="sizes">Neurons per layer, bottom to top.</param>
    /// <param name="options">Time constants, threshold and learning rates.</param>
    public SpikingPredictiveCodingLayer(long inFeatures, IReadOnlyList<int> sizes, PredictiveCodingOptions options) : base("predictive_coding")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inFeatures, 1);
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(options);
        if (sizes.Count == 0 || sizes.Any(n => n < 1)) throw new ArgumentException("needs at least one layer, each of at least one neuron", nameof(sizes));
        Options = options;
        Sizes = [inFeatures, .. sizes.Select(n => (long)n)];
        _levels = sizes.Count;
        for (var l = 0; l < sizes.Count; l++)
        {
            var below = Sizes[l];
            var size = Sizes[l + 1];
            // Buffers, not parameters: the optimiser never touches them; checkpoints still save them.
            // Looked up by name when used: Module.to() replaces buffers in the module's table, not in fields of ours.
            register_buffer($"generative_{l}", (rand(below, size) * 2 - 1) * (options.InitScale / Math.Sqrt(size)));
            register_buffer($"error_feedback_{l}", (rand(size, below) * 2 - 1) * (options.InitScale / Math.Sqrt(below)));
        }
    }

    /// <summary>Time constants, threshold and learning rates.</summary>
    public PredictiveCodingOptions Options { get; }

    /// <summary>Sizes bottom to top, the input first.</summary>
    public IReadOnlyList<long> Sizes { get; }

    /// <summary>W^ℓ [below, size] of layer <paramref name="layer"/> (0 = the bottom hidden layer).</summary>
    public Tensor Generative(int layer) => get_buffer($"generative_{layer}")!;

    /// <summary>E^ℓ [size, below] of layer <paramref name="layer"/>.</summary>
    public Tensor ErrorFeedback(int layer) => get_buffer($"error_feedback_{layer}")!;

    /// <summary>The mean squared prediction error of the input (½‖e⁰‖² per sample and step) in the last forward pass.</summary>
    public double LastInputEnergy { get; private set; } = double.NaN;

    /// <summary>[T, B, in] → the top layer's spikes [T, B, top]; in training mode the weights learn locally afterwards.</summary>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 3 || input.shape[2] != Sizes[0])
            throw new ArgumentException($"predictive_coding: expected input [T, batch, {Sizes[0]}], got [{string.Join(", ", input.shape)}]", nameof(input));
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var run = Run(input.detach());
        if (training) Learn(run.Updates);
        LastInputEnergy = run.InputEnergy;
        return run.TopSpikes.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The weight changes one training pass would make for <paramref name="input"/> [T, B, in], without applying them:
    /// ΔW^ℓ = η·⟨e^{ℓ−1}·z^ℓᵀ⟩ over steps and samples. Public so the rule can be checked against the local energy.
    /// </summary>
    public IReadOnlyList<Tensor> LocalUpdates(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var run = Run(input.detach());
        foreach (var update in run.Updates) update.MoveToOuterDisposeScope();
        return run.Updates;
    }

    /// <summary>
    /// The traces z^ℓ [T, B, size] of every level (the input's first) for <paramref name="input"/>, with the weights as
    /// they are: the local energy's variables, exposed so a test can hold them fixed.
    /// </summary>
    public IReadOnlyList<Tensor> Traces(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var run = Run(input.detach());
        foreach (var trace in run.Traces) trace.MoveToOuterDisposeScope();
        return run.Traces;
    }

    private sealed record PassResult(Tensor TopSpikes, Tensor[] Updates, Tensor[] Traces, double InputEnergy);

    private PassResult Run(Tensor input)
    {
        var steps = input.shape[0];
        var batch = input.shape[1];
        var levels = _levels;
        var generative = Enumerable.Range(0, levels).Select(Generative).ToArray();
        var errorFeedback = Enumerable.Range(0, levels).Select(ErrorFeedback).ToArray();
        var dtype = generative[0].dtype;
        var decay = 1 - (1 / Options.Tau);
        var traceRate = 1 / Options.TraceTau;
        var traces = new Tensor[levels + 1];
        traces[0] = zeros(batch, Sizes[0], dtype);
        var membranes = new Tensor[levels];
        for (var l = 0; l < levels; l++)
        {
            traces[l + 1] = zeros(batch, Sizes[l + 1], dtype);
            membranes[l] = zeros(batch, Sizes[l + 1], dtype);
        }
        var correlations = Enumerable.Range(0, levels).Select(l => zeros(Sizes[l], Sizes[l + 1], dtype)).ToArray();
        var history = Enumerable.Range(0, levels + 1).Select(_ => new List<Tensor>((int)steps)).ToArray();
        var topSpikes = new List<Tensor>((int)steps);
        var energy = 0.0;
        for (long t = 0; t < steps; t++)
        {
            traces[0] = traces[0] + ((input[t].to(dtype) - traces[0]) * traceRate);
            // Errors before the layers update: e^{ℓ−1} = z^{ℓ−1} − W^ℓ·z^ℓ with the hidden traces of the previous step
            // (the input's trace is this step's).
            var errors = new Tensor[levels];
            for (var l = 0; l < levels; l++) errors[l] = traces[l] - traces[l + 1].matmul(generative[l].t());
            energy += 0.5 * errors[0].pow(2).sum().to(float64).item<double>() / batch;
            for (var l = 0; l < levels; l++)
            {
                correlations[l] = correlations[l] + errors[l].t().matmul(traces[l + 1]);
                var current = errors[l].matmul(errorFeedback[l].t());
                if (l + 1 < levels) current = current - errors[l + 1];
                membranes[l] = (membranes[l] * decay) + (current * Options.Gain);
                var spikes = membranes[l].ge(Options.Threshold).to(dtype);
                membranes[l] = membranes[l] * (1 - spikes);
                traces[l + 1] = traces[l + 1] + ((spikes - traces[l + 1]) * traceRate);
                if (l + 1 == levels) topSpikes.Add(spikes);
            }
            for (var l = 0; l <= levels; l++) history[l].Add(traces[l]);
        }
        var samples = (double)(steps * batch);
        var updates = correlations.Select(c => c * (Options.LearningRate / samples)).ToArray();
        var traceSequences = history.Select(h => stack(h)).ToArray();
        return new PassResult(stack(topSpikes), updates, traceSequences, energy / steps);
    }

    private void Learn(Tensor[] updates)
    {
        var feedbackRatio = Options.FeedbackLearningRate / Options.LearningRate;
        for (var l = 0; l < _levels; l++)
        {
            Generative(l).add_(updates[l]);
            if (Options.FeedbackLearningRate > 0) ErrorFeedback(l).add_(updates[l].t() * feedbackRatio);
        }
    }
}
