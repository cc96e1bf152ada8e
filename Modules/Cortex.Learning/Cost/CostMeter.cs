using Cortex.Learning.Layers;
using Cortex.Learning.Neurons;
using Cortex.Learning.Quantization;
using Cortex.Learning.Sequences;
using Cortex.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Cost;

/// <summary>
/// Counts a network's synaptic operations and spikes while it runs: forward hooks on every linear and conv
/// layer count the non-zero inputs each weight is applied to, hooks on every spike layer (<see cref="ISpikeEmitter"/>) count spikes.
/// Attach it, run the network (e.g. <see cref="Trainer.Evaluate(SpikingNetwork, TrainingLoss, Data.LabeledDataset, int, int, IProgress{TrainingProgress}?, int, int, CancellationToken)"/>),
/// then read <see cref="Report"/>; dispose to remove the hooks. Counts are per time step, as a
/// step-by-step device computes them: a direct-encoded input repeated over T steps costs T times.
/// </summary>
public sealed class CostMeter : IDisposable
{
    private readonly SpikingNetwork _network;
    private readonly List<nn.HookableModule<Func<nn.Module<Tensor, Tensor>, Tensor, Tensor>, Func<nn.Module<Tensor, Tensor>, Tensor, Tensor, Tensor>>.HookRemover> _hooks = [];
    private readonly Dictionary<string, (string Type, int? Bits, double Dense, double Macs, double Acs)> _layers = [];
    private readonly Dictionary<string, (double Spikes, double Activations)> _neurons = [];
    private readonly List<string> _order = [];
    private long _samples;

    /// <summary>Attaches the hooks to <paramref name="network"/> and every module inside it.</summary>
    public CostMeter(SpikingNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        _network = network;
        _hooks.Add(network.register_forward_pre_hook((_, input) =>
        {
            _samples += input.shape[0];
            return null!;
        }));
        foreach (var (name, module) in network.named_modules())
        {
            switch (module)
            {
                case TimeDistributedLinear linear:
                    _hooks.Add(linear.register_forward_hook((_, input, _) =>
                    {
                        CountLinear(name, linear, input);
                        return null!;
                    }));
                    break;
                case TimeDistributedConv2d conv:
                    _hooks.Add(conv.register_forward_hook((_, input, _) =>
                    {
                        CountConv(name, conv, input);
                        return null!;
                    }));
                    break;
                case RecurrentSpikingLayer recurrent:
                    _hooks.Add(recurrent.register_forward_hook((_, input, output) =>
                    {
                        CountRecurrent(name, recurrent, input, output);
                        CountSpikes(name, output);
                        return null!;
                    }));
                    break;
                case nn.Module<Tensor, Tensor> neuron when neuron is ISpikeEmitter:
                    _hooks.Add(neuron.register_forward_hook((_, _, output) =>
                    {
                        CountSpikes(name, output);
                        return null!;
                    }));
                    break;
            }
        }
    }

    /// <summary>Samples seen so far.</summary>
    public long Samples => _samples;

    /// <summary>The figures per sample over everything run since the meter was attached.</summary>
    public CostReport Report()
    {
        var samples = Math.Max(1, _samples);
        var layers = _order.Where(_layers.ContainsKey).Select(name =>
        {
            var (type, bits, dense, macs, acs) = _layers[name];
            return new LayerCost(name, type, bits, dense / samples, macs / samples, acs / samples);
        }).ToList();
        var neurons = _order.Where(_neurons.ContainsKey).Select(name => new NeuronLayerActivity(name, _neurons[name].Spikes, _neurons[name].Activations)).ToList();
        var (floatBytes, deployedBytes, zeros, weights) = Footprint();
        return new CostReport
        {
            Samples = _samples,
            Steps = _network.Steps,
            Layers = layers,
            Neurons = neurons,
            ParameterCount = _network.parameters().Sum(p => p.numel()),
            FloatBytes = floatBytes,
            DeployedBytes = deployedBytes,
            ConnectionSparsity = weights == 0 ? 0 : zeros / (double)weights,
        };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var hook in _hooks) hook.remove();
        _hooks.Clear();
    }

    private void CountLinear(string name, TimeDistributedLinear linear, Tensor input)
    {
        using var scope = NewDisposeScope();
        var nonZero = input.count_nonzero().item<long>();
        Add(name, "linear", linear.Quantizer?.Bits, input.numel() * (double)linear.OutFeatures, nonZero * (double)linear.OutFeatures, IsBinary(input));
    }

    private void CountConv(string name, TimeDistributedConv2d conv, Tensor input)
    {
        using var scope = NewDisposeScope();
        var images = input.flatten(0, 1);
        // Each non-zero input is multiplied once per output position whose window covers it, per output
        // channel: convolving the non-zero mask with an all-ones kernel counts exactly that.
        var mask = images.ne(0).to(float32);
        var window = ones(1, conv.InChannels, conv.Kernel.Height, conv.Kernel.Width);
        var covered = nn.functional.conv2d(mask, window, null, conv.Stride.ToArray(), conv.Padding.ToArray());
        var effective = covered.sum().to(float64).item<double>() * conv.OutChannels;
        var outputs = covered.shape[2] * covered.shape[3];
        var dense = (double)images.shape[0] * conv.OutChannels * outputs * conv.InChannels * conv.Kernel.Height * conv.Kernel.Width;
        Add(name, "conv2d", conv.Quantizer?.Bits, dense, effective, IsBinary(input));
    }

    // Two weight layers in one: W_in on the layer's input every step, W_rec on its own spikes of steps 0 … T−2.
    private void CountRecurrent(string name, RecurrentSpikingLayer recurrent, Tensor input, Tensor output)
    {
        using var scope = NewDisposeScope();
        var nonZero = input.count_nonzero().item<long>();
        Add($"{name}.input", "recurrent W_in", null, input.numel() * (double)recurrent.Hidden, nonZero * (double)recurrent.Hidden, IsBinary(input));
        var fedBack = output[TensorIndex.Slice(null, -1)];
        var spikes = fedBack.count_nonzero().item<long>();
        Add($"{name}.recurrent", "recurrent W_rec", null, fedBack.numel() * (double)recurrent.Hidden, spikes * (double)recurrent.Hidden, binary: true);
    }

    private void CountSpikes(string name, Tensor output)
    {
        using var scope = NewDisposeScope();
        var spikes = output.count_nonzero().item<long>();
        if (!_neurons.ContainsKey(name)) _order.Add(name);
        var (s, a) = _neurons.GetValueOrDefault(name);
        _neurons[name] = (s + spikes, a + output.numel());
    }

    private void Add(string name, string type, int? bits, double dense, double effective, bool binary)
    {
        if (!_layers.ContainsKey(name)) _order.Add(name);
        var (_, _, d, macs, acs) = _layers.GetValueOrDefault(name);
        _layers[name] = (type, bits, d + dense, macs + (binary ? 0 : effective), acs + (binary ? effective : 0));
    }

    /// <summary>True when every input is 0 or 1 (spikes): the weights are then only accumulated.</summary>
    private static bool IsBinary(Tensor input)
    {
        using var scope = NewDisposeScope();
        return input.eq(0).logical_or(input.eq(1)).all().item<bool>();
    }

    private (long FloatBytes, long DeployedBytes, long ZeroWeights, long Weights) Footprint()
    {
        long floatBytes = 0, deployed = 0, zeros = 0, weights = 0;
        var quantized = new HashSet<IntPtr>();
        foreach (var module in _network.modules())
        {
            if (module is not IQuantizableWeights layer) continue;
            using var scope = NewDisposeScope();
            var values = layer.DeployedWeight();
            zeros += values.numel() - values.count_nonzero().item<long>();
            weights += values.numel();
            if (layer.Quantizer is { } quantizer)
            {
                quantized.Add(layer.Weight.Handle);
                deployed += ((values.numel() * quantizer.Bits) + 7) / 8 + sizeof(float);
            }
        }
        foreach (var tensor in _network.parameters().Cast<Tensor>().Concat(_network.buffers()))
        {
            var bytes = tensor.numel() * tensor.element_size();
            floatBytes += bytes;
            if (!quantized.Contains(tensor.Handle)) deployed += bytes;
        }
        return (floatBytes, deployed, zeros, weights);
    }
}
