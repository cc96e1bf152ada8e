using Cortex.Learning.Cost;
using Cortex.Learning.Layers;
using Cortex.Learning.Registry;
using Cortex.Learning.Training;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

/// <summary>
/// The NeuroBench-style cost report: operation counts against counts made here by hand (a loop over the
/// inputs, independent of the meter's convolution trick), footprint arithmetic and the cited energy figures.
/// </summary>
[Collection(TorchGlobalState.Name)]
public sealed class CostMeterTests
{
    private static SpikingNetwork Network(string layers, string inputShape = "[6]", int steps = 3) =>
        SpikingNetwork.FromJson($$"""{"input_shape":{{inputShape}},"steps":{{steps}},"layers":{{layers}}}""", LearningRegistry.BuiltIn());

    [TorchFact]
    public void DenseInputCostsMacs_SpikesCostAcs_CountedPerNonZeroInputAndStep()
    {
        random.manual_seed(11);
        using var network = Network("""[{"type":"linear","out":5},{"type":"lif","tau":2,"threshold":0.3},{"type":"linear","out":3}]""");
        network.eval();
        using var batch = rand(4, 6);
        using (no_grad()) batch[0, 2] = tensor(0f);   // one zero input: not an effective operation
        // By hand (before the meter is attached): the direct encoder repeats x at each of T = 3 steps.
        Tensor spikes;
        using (no_grad())
        {
            using var sequence = network.Encoder.Encode(batch, 3, network.EncoderGenerator);
            using var current = network.Layers[0].Module.call(sequence);
            spikes = network.Layers[1].Module.call(current);
        }
        using var meter = new CostMeter(network);
        using (no_grad()) network.call(batch).Dispose();
        var nonZeroInputs = batch.data<float>().Count(v => v != 0) * 3.0;
        var spikeCount = spikes.data<float>().Sum();
        var report = meter.Report();
        Assert.Equal(4, report.Samples);
        Assert.Equal(2, report.Layers.Count);
        Assert.Equal(nonZeroInputs * 5 / 4, report.Layers[0].EffectiveMacs, 9);
        Assert.Equal(0, report.Layers[0].EffectiveAcs);
        Assert.Equal(3.0 * 6 * 5, report.Layers[0].DenseOperations, 9);
        Assert.Equal(0, report.Layers[1].EffectiveMacs);
        Assert.Equal(spikeCount * 3 / 4.0, report.Layers[1].EffectiveAcs, 9);
        Assert.True(spikeCount > 0, "the hidden layer should spike for this check to mean anything");
        Assert.Equal(1 - (spikeCount / (4.0 * 3 * 5)), report.ActivationSparsity, 9);
        // Horowitz (ISSCC 2014): fp32 MAC = 3.7 + 0.9 pJ, AC = 0.9 pJ.
        Assert.Equal((report.EffectiveMacs * 4.6) + (report.EffectiveAcs * 0.9), report.EnergyPicojoules, 6);
        Assert.Equal(report.DenseOperations * 4.6, report.DenseFloatPicojoules, 6);
        spikes.Dispose();
    }

    [TorchFact]
    public void ConvEffectiveOperations_MatchABruteForceCountOverWindows()
    {
        random.manual_seed(12);
        using var network = Network(
            """[{"type":"conv2d","out":4,"kernel":3,"stride":2,"padding":1},{"type":"if"},{"type":"flatten"},{"type":"linear","out":2}]""",
            "[2, 7, 6]", steps: 1);
        using var batch = rand(3, 2, 7, 6);
        using (no_grad()) batch.masked_fill_(batch.lt(0.6), 0);   // sparse input
        using var meter = new CostMeter(network);
        using (no_grad()) network.call(batch).Dispose();

        // For every output position and every input channel, count the non-zero inputs under the window.
        var x = batch.data<float>().ToArray();
        long covered = 0;
        const int C = 2, H = 7, W = 6, K = 3, S = 2, P = 1;
        var outH = ((H + (2 * P) - K) / S) + 1;
        var outW = ((W + (2 * P) - K) / S) + 1;
        for (var b = 0; b < 3; b++)
            for (var oy = 0; oy < outH; oy++)
                for (var ox = 0; ox < outW; ox++)
                    for (var c = 0; c < C; c++)
                        for (var ky = 0; ky < K; ky++)
                            for (var kx = 0; kx < K; kx++)
                            {
                                int y = (oy * S) + ky - P, xx = (ox * S) + kx - P;
                                if (y >= 0 && y < H && xx >= 0 && xx < W && x[(((b * C) + c) * H * W) + (y * W) + xx] != 0) covered++;
                            }
        var conv = meter.Report().Layers[0];
        Assert.Equal("conv2d", conv.Type);
        Assert.Equal(covered * 4 / 3.0, conv.EffectiveMacs, 9);
        Assert.Equal(4.0 * outH * outW * C * K * K, conv.DenseOperations, 9);
    }

    [TorchFact]
    public void QuantizedWeights_ShrinkTheFootprint_AndUseInt8Energies()
    {
        random.manual_seed(13);
        using var network = Network("""[{"type":"linear","out":5,"weight_bits":4},{"type":"lif","tau":2},{"type":"linear","out":3,"weight_bits":8}]""");
        using var batch = rand(2, 6);
        using var meter = new CostMeter(network);
        using (no_grad()) network.call(batch).Dispose();
        var report = meter.Report();
        // fp32: (6·5 + 5) + (5·3 + 3) = 53 floats. Deployed: 30 weights at 4 bits = 15 bytes + a 4-byte scale,
        // 15 weights at 8 bits = 15 bytes + 4; biases stay fp32 (8 floats).
        Assert.Equal(53 * 4, report.FloatBytes);
        Assert.Equal(15 + 4 + 15 + 4 + (8 * 4), report.DeployedBytes);
        Assert.Equal(53, report.ParameterCount);
        // int8 arithmetic (Horowitz): MAC = 0.2 + 0.03 pJ, AC = 0.03 pJ.
        Assert.Equal((report.EffectiveMacs * 0.23) + (report.EffectiveAcs * 0.03), report.EnergyPicojoules, 6);
        var deployed = ((TimeDistributedLinear)network.Layers[0].Module).DeployedWeight().data<float>().Concat(
            ((TimeDistributedLinear)network.Layers[2].Module).DeployedWeight().data<float>()).ToArray();
        Assert.Equal(deployed.Count(w => w == 0) / 45.0, report.ConnectionSparsity, 9);
    }

    [TorchFact]
    public void Dispose_RemovesTheHooks()
    {
        random.manual_seed(14);
        using var network = Network("""[{"type":"linear","out":5},{"type":"lif","tau":2},{"type":"linear","out":3}]""");
        using var batch = rand(2, 6);
        CostReport report;
        using (var meter = new CostMeter(network))
        {
            using (no_grad()) network.call(batch).Dispose();
            report = meter.Report();
            meter.Dispose();
            using (no_grad()) network.call(batch).Dispose();
            Assert.Equal(2, meter.Samples);
            Assert.Equal(report.EffectiveMacs, meter.Report().EffectiveMacs);
        }
    }
}
