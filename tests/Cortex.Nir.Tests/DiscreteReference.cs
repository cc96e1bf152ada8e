using Cortex.Nir.Nodes;

namespace Cortex.Nir.Tests;

/// <summary>
/// The TorchSharp layers' update, restated in plain C# float32 (no Torch, no engine): per step t,
/// x = W·s_prev[t] + b (the analog input for the first layer), LIF h = v + k·(x − (v − v_leak)) with
/// k = 1 − exp(−1/τ_steps), IF h = v + x; s = h ≥ θ; v = s ? v_reset : h; v starts at v_leak (0 for IF).
/// </summary>
internal static class DiscreteReference
{
    /// <summary>Spikes [layer][t][neuron] of a chain of (weights, neurons) pairs for a constant input.</summary>
    public static List<bool[][]> Run(IReadOnlyList<(NirAffine Weights, NirNode Neurons)> layers, float[] input, int steps, double dtSeconds)
    {
        var result = new List<bool[][]>();
        float[][] previous = [.. Enumerable.Range(0, steps).Select(_ => input)];
        foreach (var (weights, neurons) in layers)
        {
            var size = weights.Weight.Shape[0];
            var spikes = new bool[steps][];
            var v = new float[size];
            for (var j = 0; j < size; j++) v[j] = neurons is NirLif lif ? lif.VLeak.Data[j] : 0;
            for (var t = 0; t < steps; t++)
            {
                spikes[t] = new bool[size];
                for (var j = 0; j < size; j++)
                {
                    var x = 0f;
                    for (var i = 0; i < previous[t].Length; i++) x += weights.Weight[j, i] * previous[t][i];
                    x += weights.Bias.Data[j];
                    float h, threshold, reset;
                    switch (neurons)
                    {
                        case NirLif lif:
                            var k = 1f - MathF.Exp(-1f / (float)(lif.Tau.Data[j] / dtSeconds));
                            h = v[j] + k * (lif.R.Data[j] * x - (v[j] - lif.VLeak.Data[j]));
                            (threshold, reset) = (lif.VThreshold.Data[j], lif.VReset.Data[j]);
                            break;
                        case NirIf neuron:
                            h = v[j] + (float)(neuron.R.Data[j] * dtSeconds) * x;
                            (threshold, reset) = (neuron.VThreshold.Data[j], neuron.VReset.Data[j]);
                            break;
                        default:
                            throw new NotSupportedException(neurons.TypeName);
                    }
                    spikes[t][j] = h >= threshold;
                    v[j] = spikes[t][j] ? reset : h;
                }
            }
            result.Add(spikes);
            previous = [.. spikes.Select(s => s.Select(b => b ? 1f : 0f).ToArray())];
        }
        return result;
    }
}
