using Cortex.Learning.Neurons;
using Cortex.Learning.Surrogates;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

/// <summary>The fused kernel must be the per-step graph, only faster: same spikes, same gradients.</summary>
[Collection(TorchGlobalState.Name)]
public sealed class FusedChargeTests
{
    public static TheoryData<string, ResetMode, bool> Cases()
    {
        var data = new TheoryData<string, ResetMode, bool>();
        foreach (var model in new[] { "lif", "if" })
            foreach (var reset in new[] { ResetMode.Zero, ResetMode.Subtract })
                foreach (var detach in new[] { false, true })
                    data.Add(model, reset, detach);
        return data;
    }

    [TorchTheory]
    [MemberData(nameof(Cases))]
    public void Fused_and_graph_paths_give_identical_spikes_and_matching_gradients(string model, ResetMode reset, bool detach)
    {
        var options = new NeuronOptions { Reset = reset, DetachReset = detach, VReset = reset == ResetMode.Zero ? -0.2 : 0, Surrogate = new ArcTanSurrogate(3) };
        SpikingNeuron Create() => model == "lif" ? new LifNeuron(3, options) : new IfNeuron(options);
        manual_seed(11);
        // LIF needs a drive above threshold on average to fire; IF integrates anything positive.
        using var data = rand(30, 3, 17) * (model == "lif" ? 2.2f : 0.9f) - 0.1f;
        using var weights = randn(30, 3, 17);

        var fused = Create();
        var graph = Create();
        graph.UseFusedKernel = false;
        var (fusedSpikes, fusedGrad, fusedMembrane) = Run(fused, data, weights);
        var (graphSpikes, graphGrad, graphMembrane) = Run(graph, data, weights);

        Assert.Equal(graphSpikes, fusedSpikes);
        Assert.True(graphSpikes.Sum() > 10, "the case should spike");
        Assert.Equal(graphMembrane, fusedMembrane);
        for (var i = 0; i < graphGrad.Length; i++)
            Assert.True(Math.Abs(graphGrad[i] - fusedGrad[i]) <= 1e-5f * Math.Max(1f, Math.Abs(graphGrad[i])),
                $"gradient {i}: graph {graphGrad[i]}, fused {fusedGrad[i]}");
    }

    [TorchFact]
    public void Learned_parameters_use_the_graph_path_so_they_get_gradients()
    {
        var neuron = new LifNeuron(2, new NeuronOptions(), learnThreshold: true);
        using var input = ones(5, 2, 3).requires_grad_(true);
        using var spikes = neuron.forward(input);
        using var loss = spikes.sum();
        loss.backward();
        // Raising the threshold can only remove spikes: the surrogate gradient of the spike count is finite and negative.
        var gradient = neuron.LearnedThreshold!.grad!.data<float>().ToArray();
        Assert.All(gradient, g => Assert.True(float.IsFinite(g) && g < 0, $"d spikes / d threshold = {g}"));
    }

    private static (float[] Spikes, float[] Gradient, float[] Membrane) Run(SpikingNeuron neuron, Tensor data, Tensor weights)
    {
        using var input = data.clone().requires_grad_(true);
        using var spikes = neuron.forward(input);
        using var loss = (spikes * weights).sum();
        loss.backward();
        return (spikes.data<float>().ToArray(), input.grad!.data<float>().ToArray(), neuron.LastMembrane!.data<float>().ToArray());
    }
}
