using Cortex.Nir.Engine;
using Cortex.Nir.Nodes;

namespace Cortex.Nir.Tests;

/// <summary>
/// Conv2d, SumPool2d and Scale in the engine conversion, checked against convolution and pooling written
/// here output by output (each output sums over its window), the opposite direction from the converter,
/// which scatters each input to the outputs it reaches.
/// </summary>
public sealed class ConvolutionOnEngineTests
{
    private const double Dt = 1e-3;

    /// <summary>out[o, y, x] = b[o] + Σ_{c, ky, kx} W[o, c, ky, kx]·in[c, y·s + ky·d − p, x·s + kx·d − p].</summary>
    private static float[] DirectConv(float[] input, int[] shape, NirConv2d conv, out int[] outShape)
    {
        var (inC, h, w) = (shape[0], shape[1], shape[2]);
        var (outC, kh, kw) = (conv.Weight.Shape[0], conv.Weight.Shape[2], conv.Weight.Shape[3]);
        var outH = ((h + (2 * conv.Padding[0]) - (conv.Dilation[0] * (kh - 1)) - 1) / conv.Stride[0]) + 1;
        var outW = ((w + (2 * conv.Padding[1]) - (conv.Dilation[1] * (kw - 1)) - 1) / conv.Stride[1]) + 1;
        outShape = [outC, outH, outW];
        var output = new float[outC * outH * outW];
        for (var o = 0; o < outC; o++)
            for (var y = 0; y < outH; y++)
                for (var x = 0; x < outW; x++)
                {
                    var sum = conv.Bias.Data[o];
                    for (var c = 0; c < inC; c++)
                        for (var ky = 0; ky < kh; ky++)
                            for (var kx = 0; kx < kw; kx++)
                            {
                                var iy = (y * conv.Stride[0]) + (ky * conv.Dilation[0]) - conv.Padding[0];
                                var ix = (x * conv.Stride[1]) + (kx * conv.Dilation[1]) - conv.Padding[1];
                                if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                                sum += conv.Weight.Data[(((((o * inC) + c) * kh) + ky) * kw) + kx] * input[(((c * h) + iy) * w) + ix];
                            }
                    output[(((o * outH) + y) * outW) + x] = sum;
                }
        return output;
    }

    private static float[] DirectSumPool(float[] input, int[] shape, NirSumPool2d pool, out int[] outShape)
    {
        var (c, h, w) = (shape[0], shape[1], shape[2]);
        var outH = ((h + (2 * pool.Padding[0]) - pool.KernelSize[0]) / pool.Stride[0]) + 1;
        var outW = ((w + (2 * pool.Padding[1]) - pool.KernelSize[1]) / pool.Stride[1]) + 1;
        outShape = [c, outH, outW];
        var output = new float[c * outH * outW];
        for (var ch = 0; ch < c; ch++)
            for (var y = 0; y < outH; y++)
                for (var x = 0; x < outW; x++)
                    for (var ky = 0; ky < pool.KernelSize[0]; ky++)
                        for (var kx = 0; kx < pool.KernelSize[1]; kx++)
                        {
                            var iy = (y * pool.Stride[0]) + ky - pool.Padding[0];
                            var ix = (x * pool.Stride[1]) + kx - pool.Padding[1];
                            if (iy >= 0 && iy < h && ix >= 0 && ix < w) output[(((ch * outH) + y) * outW) + x] += input[(((ch * h) + iy) * w) + ix];
                        }
        return output;
    }

    /// <summary>The nodes applied one after another with the direct implementations.</summary>
    private static float[] Direct(IEnumerable<NirNode> nodes, float[] input, int[] shape)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case NirConv2d conv: input = DirectConv(input, shape, conv, out shape); break;
                case NirSumPool2d pool: input = DirectSumPool(input, shape, pool, out shape); break;
                case NirScale scale: input = [.. input.Select((v, i) => v * scale.Scale.Data[i])]; break;
                case NirFlatten: shape = [input.Length]; break;
                case NirAffine affine:
                    input = [.. Enumerable.Range(0, affine.Weight.Shape[0]).Select(j =>
                        affine.Bias.Data[j] + Enumerable.Range(0, input.Length).Sum(i => affine.Weight[j, i] * input[i]))];
                    shape = [input.Length];
                    break;
                default: throw new NotSupportedException(node.TypeName);
            }
        }
        return input;
    }

    /// <summary>The chain as a dense Affine (columns: the chain applied to unit vectors minus its bias), for <see cref="DiscreteReference"/>.</summary>
    private static NirAffine Dense(IReadOnlyList<NirNode> nodes, int[] shape)
    {
        var size = shape.Aggregate(1, (a, b) => a * b);
        var bias = Direct(nodes, new float[size], shape);
        var weight = new float[bias.Length * size];
        for (var i = 0; i < size; i++)
        {
            var unit = new float[size];
            unit[i] = 1;
            var column = Direct(nodes, unit, shape);
            for (var j = 0; j < bias.Length; j++) weight[(j * size) + i] = column[j] - bias[j];
        }
        return new NirAffine(NirTensor.Matrix(bias.Length, size, weight), NirTensor.Vector(bias));
    }

    /// <summary>An IF node (r = 1/dt: v += x) whose parameters have the feature map's shape, as exporters write them.</summary>
    private static NirIf ShapedIf(int[] shape)
    {
        var size = shape.Aggregate(1, (a, b) => a * b);
        NirTensor Filled(float value) => new(shape, Enumerable.Repeat(value, size).ToArray());
        return new NirIf(Filled((float)(1 / Dt)), Filled(1), Filled(0));
    }

    private static NirConv2d Conv(Random random, int outC, int inC, int k, int stride, int padding, double scale, double bias) =>
        new(new NirTensor([outC, inC, k, k], Graphs.Normal(random, outC * inC * k * k, scale)), NirTensor.Vector(Graphs.Normal(random, outC, 0.1, bias)),
            [stride, stride], [padding, padding], [1, 1], 1, null);

    [Theory]
    [InlineData(1, 1, 0)]
    [InlineData(2, 2, 1)]
    [InlineData(3, 1, 1)]
    public void ComposedConvPoolFlattenAffine_EqualsTheLayersAppliedOneByOne(int seed, int stride, int padding)
    {
        var random = new Random(seed);
        var conv = Conv(random, 3, 2, 3, stride, padding, 1, 0.2);
        var nodes = new List<(string, NirNode)> { ("conv", conv) };
        var (_, convShape) = AffineChain.Compose(nodes, [2, 7, 6]);
        nodes.Add(("pool", new NirSumPool2d([2, 2], [2, 2], [0, 0])));
        var (_, poolShape) = AffineChain.Compose(nodes, [2, 7, 6]);
        var flat = poolShape.Aggregate(1, (a, b) => a * b);
        nodes.Add(("scale", new NirScale(NirTensor.Filled(flat, 0.25f))));
        nodes.Add(("flat", new NirFlatten(0, -1, poolShape)));
        nodes.Add(("fc", Graphs.Affine(random, 4, flat, 1, 0.3)));

        var (map, shape) = AffineChain.Compose(nodes, [2, 7, 6]);
        Assert.Equal([4], shape);
        Assert.Equal(3, convShape[0]);
        for (var trial = 0; trial < 5; trial++)
        {
            var x = Graphs.Uniform(random, 2 * 7 * 6, -1, 1);
            var expected = Direct(nodes.Select(n => n.Item2), x, [2, 7, 6]);
            var actual = map.Apply(x);
            for (var j = 0; j < expected.Length; j++)
                Assert.True(Math.Abs(expected[j] - actual[j]) <= 1e-4 * Math.Max(1, Math.Abs(expected[j])), $"output {j}: direct {expected[j]}, composed {actual[j]}");
        }
    }

    [Fact]
    public void ConvNetwork_OnTheEngine_SpikesExactlyAsTheDiscreteUpdate()
    {
        var random = new Random(7);
        // Input [1, 6, 6] → conv(4, 3×3, pad 1) → IF → sum-pool 2 → conv(6, 3×3) → IF → flatten → affine 3 → IF.
        var conv1 = Conv(random, 4, 1, 3, 1, 1, 0.8, 0.2);
        var pool = new NirSumPool2d([2, 2], [2, 2], [0, 0]);
        var conv2 = Conv(random, 6, 4, 3, 1, 0, 0.8, 0.3);
        var fc = Graphs.Affine(random, 3, 6, 1.2, biasMean: 0.3);
        var graph = NirGraph.Sequential(
            ("input", new NirInput([1, 6, 6])),
            ("conv1", conv1), ("if1", ShapedIf([4, 6, 6])),
            ("pool", pool), ("conv2", conv2), ("if2", Graphs.If(6, Dt)),
            ("flat", new NirFlatten(0, -1, [6, 1, 1])), ("fc", fc), ("if3", Graphs.If(3, Dt)),
            ("output", new NirOutput([3])));
        var layers = new List<(NirAffine, NirNode)>
        {
            (Dense([conv1], [1, 6, 6]), Graphs.If(4 * 36, Dt)),
            (Dense([pool, conv2], [4, 6, 6]), Graphs.If(6, Dt)),
            (Dense([new NirFlatten(0, -1, [6, 1, 1]), fc], [6, 1, 1]), Graphs.If(3, Dt)),
        };
        var input = Graphs.Uniform(new Random(8), 36, 0, 1);
        const int steps = 30;

        var converted = NirToSpec.Convert(graph);
        Assert.Equal([144, 6, 3], converted.Layers.Select(l => l.Size));
        using var engine = new EngineInference(converted, steps);
        var expected = DiscreteReference.Run(layers, input, steps, Dt);
        var actual = engine.Run(input);
        for (var l = 0; l < expected.Count; l++)
        {
            Assert.True(expected[l].Sum(s => s.Count(b => b)) > 0, $"layer {l + 1} should spike");
            for (var t = 0; t < steps; t++)
                Assert.True(expected[l][t].SequenceEqual(actual.Spikes[l][t]), $"layer {l + 1}, step {t} differs");
        }
    }

    [Fact]
    public void GroupedConvolutions_AreRefusedNamingTheNode()
    {
        var random = new Random(1);
        var grouped = new NirConv2d(new NirTensor([2, 1, 3, 3], Graphs.Normal(random, 18, 1)), NirTensor.Vector(0, 0), [1, 1], [1, 1], [1, 1], 2, null);
        var error = Assert.Throws<NirFormatException>(() => AffineChain.Compose([("conv", grouped)], [2, 4, 4]));
        Assert.StartsWith("node 'conv' (Conv2d): not supported by the engine conversion: groups = 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AConvolutionThatDoesNotFitItsInput_IsRefusedNamingTheNode()
    {
        var conv = Conv(new Random(2), 2, 3, 3, 1, 0, 1, 0);
        var error = Assert.Throws<NirFormatException>(() => AffineChain.Compose([("c", conv)], [2, 5, 5]));
        Assert.StartsWith("node 'c' (Conv2d): not supported by the engine conversion: an input of shape [2, 5, 5] is not [3, H, W]", error.Message, StringComparison.Ordinal);
    }
}
