using Cortex.Learning.Layers;
using Cortex.Learning.Neurons;
using Cortex.Learning.Training;
using Cortex.Nir;
using Cortex.Nir.Nodes;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Export;

/// <summary>
/// Writes a trained feed-forward network as a NIR graph: Input → one node per layer → Output, chained.
/// Time is continuous in NIR, so a time step becomes <c>dt</c> seconds: LIF τ = τ_steps·dt with r = 1
/// (our charge is the exact solution of τ dv/dt = (v_leak − v) + x over a step), IF r = 1/dt
/// (NIR's dv/dt = r·I). Average pooling becomes SumPool2d followed by Scale(1/k²). A tdBN layer after a
/// linear or conv layer is folded into its weights and bias (W' = diag(a)·W, b' = a·b + c for the evaluation-mode
/// y = a·x + c), so the graph has no normalisation node; quantisation-aware layers export their quantised weights.
/// </summary>
public static class NirExporter
{
    /// <summary>The NIR graph of <paramref name="network"/>; one time step lasts <paramref name="dtSeconds"/>.</summary>
    public static NirGraph Export(SpikingNetwork network, double dtSeconds = 1e-3)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (!(dtSeconds > 0) || double.IsInfinity(dtSeconds))
            throw new ArgumentOutOfRangeException(nameof(dtSeconds), dtSeconds, "dt must be a positive number of seconds");
        var chain = new List<(string Name, NirNode Node)> { ("input", new NirInput(Ints(network.InputShape))) };
        var layers = network.Layers;
        for (var i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            var name = $"{layer.Index}_{layer.Type}";
            // tdBN right after a linear map is folded into it (evaluation mode: a fixed per-channel affine).
            var norm = i + 1 < layers.Count && layers[i + 1].Module is ThresholdDependentBatchNorm next ? next : null;
            var folded = norm is not null && layer.Module is TimeDistributedLinear or TimeDistributedConv2d;
            foreach (var (suffix, node) in Nodes(layer, dtSeconds, folded ? norm : null))
                chain.Add((suffix is null ? name : $"{name}_{suffix}", node));
            if (folded) i++;
        }
        chain.Add(("output", new NirOutput(Ints(network.Layers.Count > 0 ? network.Layers[^1].OutputShape : network.InputShape))));
        return NirGraph.Sequential([.. chain]) with { Version = NirGraph.CurrentVersion };
    }

    private static IEnumerable<(string? Suffix, NirNode Node)> Nodes(NetworkLayer layer, double dt, ThresholdDependentBatchNorm? norm)
    {
        switch (layer.Module)
        {
            case TimeDistributedLinear linear:
            {
                var (weight, bias) = Folded(linear.DeployedWeight(), linear.Bias, linear.OutFeatures, norm);
                yield return (null, bias is null ? new NirLinear(weight) : new NirAffine(weight, bias));
                break;
            }
            case TimeDistributedConv2d conv:
            {
                var (weight, bias) = Folded(conv.DeployedWeight(), conv.Bias, conv.OutChannels, norm);
                yield return (null, new NirConv2d(
                    weight, bias ?? NirTensor.Filled((int)conv.OutChannels, 0),
                    Ints(conv.Stride.ToArray()), Ints(conv.Padding.ToArray()), [1, 1], 1,
                    Ints(layer.InputShape.Skip(1).ToArray())));
                break;
            }
            case ThresholdDependentBatchNorm:
                throw new ExportException($"layer {layer.Index} ({layer.Type}): tdBN exports only folded into the linear or conv2d layer right before it");
            case SumPool2d sum:
                yield return (null, SumPool(sum));
                break;
            case AvgPool2d average:
                yield return ("sum", SumPool(average));
                var area = (float)(average.Kernel.Height * average.Kernel.Width);
                yield return ("scale", new NirScale(NirTensor.Filled((int)layer.OutputShape.Aggregate(1L, (a, b) => a * b), 1 / area)));
                break;
            case Flatten:
                yield return (null, new NirFlatten(0, -1, Ints(layer.InputShape)));
                break;
            case TimeSharedDropout:
                // The identity at inference: nothing to export.
                yield break;
            case SpikingNeuron neuron:
                yield return (null, Neuron(layer, neuron, dt));
                break;
            default:
                throw new ExportException($"layer {layer.Index} ({layer.Type}): has no NIR equivalent (exportable: linear, conv2d, tdbn after linear or conv2d, sumpool, avgpool, flatten, dropout, if, lif, plif)");
        }
    }

    private static NirNode Neuron(NetworkLayer layer, SpikingNeuron neuron, double dt)
    {
        var options = neuron.Options;
        if (options.Reset == ResetMode.Subtract)
            throw new ExportException($"layer {layer.Index} ({layer.Type}): reset by subtraction has no NIR equivalent (NIR neurons reset to v_reset); train with \"reset\": \"zero\"");
        var count = (int)layer.OutputShape.Aggregate(1L, (a, b) => a * b);
        var shape = Ints(layer.OutputShape);
        NirTensor Filled(double value) => new(shape, Enumerable.Repeat((float)value, count).ToArray());
        switch (neuron)
        {
            case AdaptiveLifNeuron:
                throw new ExportException($"layer {layer.Index} ({layer.Type}): the adaptation current has no NIR primitive");
            case LifNeuron lif:
                return new NirLif(Filled(lif.CurrentTau * dt), Filled(1), Filled(options.VLeak), Filled(lif.CurrentThreshold), Filled(options.VReset));
            case IfNeuron:
                return new NirIf(Filled(1 / dt), Filled(options.Threshold), Filled(options.VReset));
            default:
                throw new ExportException($"layer {layer.Index} ({layer.Type}): neuron type {neuron.GetType().Name} has no NIR equivalent");
        }
    }

    /// <summary>
    /// The weights (detached, [out, …]) and bias of a linear map with <paramref name="norm"/> folded in:
    /// W'[o] = a[o]·W[o], b'[o] = a[o]·b[o] + c[o]; the bias is null when there is neither bias nor norm.
    /// </summary>
    private static (NirTensor Weight, NirTensor? Bias) Folded(Tensor deployed, Tensor? bias, long outputs, ThresholdDependentBatchNorm? norm)
    {
        using var owned = deployed;
        using var scope = NewDisposeScope();
        if (norm is null) return (ToNirTensor(deployed), bias is null ? null : ToNirTensor(bias));
        var (scale, shift) = norm.FoldedAffine();
        var weight = deployed * scale.reshape([outputs, .. Enumerable.Repeat(1L, (int)deployed.dim() - 1)]);
        var folded = (bias is null ? zeros(outputs) : bias.detach()) * scale + shift;
        return (ToNirTensor(weight), ToNirTensor(folded));
    }

    private static NirSumPool2d SumPool(Pool2d pool) =>
        new(Ints(pool.Kernel.ToArray()), Ints(pool.Stride.ToArray()), Ints(pool.Padding.ToArray()));

    private static NirTensor ToNirTensor(Tensor parameter)
    {
        using var values = parameter.detach().to(float32).contiguous();
        return new NirTensor(Ints(values.shape), values.data<float>().ToArray());
    }

    private static int[] Ints(IEnumerable<long> values) => [.. values.Select(v => checked((int)v))];
}
