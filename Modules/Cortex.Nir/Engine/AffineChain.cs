using Cortex.Nir.Nodes;

namespace Cortex.Nir.Engine;

/// <summary>
/// Composes a run of linear NIR nodes — Affine, Linear, Conv2d, SumPool2d, Scale, Flatten — into one
/// <see cref="AffineMap"/>, tracking the tensor shape through them. Each input's column is pushed through
/// node by node as a sparse vector (a one-hot input touches at most out-channels × kernel outputs of a
/// convolution, one window of a pooling), and the bias is pushed through densely. A conv network's weights
/// (tdBN already folded in at export) thus become explicit synapses between neuron layers.
/// </summary>
public static class AffineChain
{
    /// <summary>True for the node types <see cref="Compose"/> accepts.</summary>
    public static bool IsLinear(NirNode node) => node is NirAffine or NirLinear or NirConv2d or NirSumPool2d or NirScale or NirFlatten;

    /// <summary>
    /// The composition of <paramref name="nodes"/> (applied in order) on an input of shape
    /// <paramref name="inputShape"/>; returns the map and the output shape. Errors name the node.
    /// </summary>
    public static (AffineMap Map, int[] OutputShape) Compose(IReadOnlyList<(string Name, NirNode Node)> nodes, int[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(inputShape);
        var shape = inputShape;
        var size = Size(shape);
        // Columns as sparse vectors (index → value), starting from the identity.
        var columns = new Dictionary<int, float>[size];
        for (var i = 0; i < size; i++) columns[i] = new Dictionary<int, float> { [i] = 1f };
        var bias = new float[size];
        foreach (var (name, node) in nodes)
        {
            var step = Step(name, node, shape);
            for (var i = 0; i < columns.Length; i++) columns[i] = step.Apply(columns[i]);
            bias = step.ApplyDense(bias);
            shape = step.OutputShape;
        }
        var targets = new int[columns.Length][];
        var weights = new float[columns.Length][];
        for (var i = 0; i < columns.Length; i++)
        {
            var entries = columns[i].Where(e => e.Value != 0).OrderBy(e => e.Key).ToArray();
            targets[i] = [.. entries.Select(e => e.Key)];
            weights[i] = [.. entries.Select(e => e.Value)];
        }
        return (new AffineMap(targets, weights, bias), shape);
    }

    private static int Size(int[] shape) => shape.Aggregate(1, (a, b) => checked(a * b));

    private static NirFormatException Error(string name, NirNode node, string why) =>
        new($"node '{name}' ({node.TypeName}): not supported by the engine conversion: {why}");

    private static LinearStep Step(string name, NirNode node, int[] shape) => node switch
    {
        NirAffine affine => Dense(name, node, affine.Weight, affine.Bias, shape),
        NirLinear linear => Dense(name, node, linear.Weight, null, shape),
        NirConv2d conv => Convolution(name, conv, shape),
        NirSumPool2d pool => Pooling(name, pool, shape),
        NirScale scale => scale.Scale.Length == Size(shape)
            ? new LinearStep(shape, (i, v, emit) => emit(i, v * scale.Scale.Data[i]), null)
            : throw Error(name, node, $"its scale has {scale.Scale.Length} values for an input of {Size(shape)}"),
        NirFlatten => new LinearStep([Size(shape)], (i, v, emit) => emit(i, v), null),
        _ => throw Error(name, node, "only Affine, Linear, Conv2d, SumPool2d, Scale and Flatten may sit between neuron nodes"),
    };

    private static LinearStep Dense(string name, NirNode node, NirTensor weight, NirTensor? bias, int[] shape)
    {
        if (weight.Rank != 2 || weight.Shape[1] != Size(shape))
            throw Error(name, node, $"weight [{weight.ShapeText}] does not take an input of shape [{string.Join(", ", shape)}] ({Size(shape)} values)");
        var (rows, cols) = (weight.Shape[0], weight.Shape[1]);
        return new LinearStep([rows], (i, v, emit) =>
        {
            for (var j = 0; j < rows; j++)
            {
                var w = weight.Data[(j * cols) + i];
                if (w != 0) emit(j, v * w);
            }
        }, bias?.Data);
    }

    private static LinearStep Convolution(string name, NirConv2d conv, int[] shape)
    {
        if (conv.Groups != 1) throw Error(name, conv, $"groups = {conv.Groups}; only 1 is supported");
        var w = conv.Weight;
        if (w.Rank != 4) throw Error(name, conv, $"weight [{w.ShapeText}] is not [out, in, kh, kw]");
        var (outC, inC, kh, kw) = (w.Shape[0], w.Shape[1], w.Shape[2], w.Shape[3]);
        var (h, wd) = shape.Length == 3 && shape[0] == inC ? (shape[1], shape[2])
            : conv.InputShape is { Length: 2 } spatial && Size(shape) == inC * spatial[0] * spatial[1] ? (spatial[0], spatial[1])
            : throw Error(name, conv, $"an input of shape [{string.Join(", ", shape)}] is not [{inC}, H, W]");
        var (sh, sw, ph, pw, dh, dw) = (conv.Stride[0], conv.Stride[1], conv.Padding[0], conv.Padding[1], conv.Dilation[0], conv.Dilation[1]);
        var outH = ((h + (2 * ph) - (dh * (kh - 1)) - 1) / sh) + 1;
        var outW = ((wd + (2 * pw) - (dw * (kw - 1)) - 1) / sw) + 1;
        if (outH < 1 || outW < 1) throw Error(name, conv, $"the kernel {kh}x{kw} does not fit the input {h}x{wd}");
        return new LinearStep([outC, outH, outW], (i, v, emit) =>
        {
            var c = i / (h * wd);
            var y = i / wd % h;
            var x = i % wd;
            for (var ky = 0; ky < kh; ky++)
            {
                var oyScaled = y + ph - (ky * dh);
                if (oyScaled < 0 || oyScaled % sh != 0 || oyScaled / sh >= outH) continue;
                for (var kx = 0; kx < kw; kx++)
                {
                    var oxScaled = x + pw - (kx * dw);
                    if (oxScaled < 0 || oxScaled % sw != 0 || oxScaled / sw >= outW) continue;
                    for (var o = 0; o < outC; o++)
                    {
                        var weight = w.Data[(((((o * inC) + c) * kh) + ky) * kw) + kx];
                        if (weight != 0) emit((((o * outH) + (oyScaled / sh)) * outW) + (oxScaled / sw), v * weight);
                    }
                }
            }
        }, ExpandBias(conv.Bias.Data, outH * outW));
    }

    private static LinearStep Pooling(string name, NirSumPool2d pool, int[] shape)
    {
        if (shape.Length != 3) throw Error(name, pool, $"an input of shape [{string.Join(", ", shape)}] is not [C, H, W]");
        var (c, h, wd) = (shape[0], shape[1], shape[2]);
        var (kh, kw, sh, sw, ph, pw) = (pool.KernelSize[0], pool.KernelSize[1], pool.Stride[0], pool.Stride[1], pool.Padding[0], pool.Padding[1]);
        var outH = ((h + (2 * ph) - kh) / sh) + 1;
        var outW = ((wd + (2 * pw) - kw) / sw) + 1;
        if (outH < 1 || outW < 1) throw Error(name, pool, $"the window {kh}x{kw} does not fit the input {h}x{wd}");
        return new LinearStep([c, outH, outW], (i, v, emit) =>
        {
            var channel = i / (h * wd);
            var y = i / wd % h;
            var x = i % wd;
            // Windows oy·s − p … oy·s − p + k − 1 that contain y.
            for (var oy = 0; oy < outH; oy++)
            {
                var top = (oy * sh) - ph;
                if (y < top || y >= top + kh) continue;
                for (var ox = 0; ox < outW; ox++)
                {
                    var left = (ox * sw) - pw;
                    if (x >= left && x < left + kw) emit((((channel * outH) + oy) * outW) + ox, v);
                }
            }
        }, null);
    }

    private static float[] ExpandBias(float[] perChannel, int positions)
    {
        var bias = new float[perChannel.Length * positions];
        for (var o = 0; o < perChannel.Length; o++) Array.Fill(bias, perChannel[o], o * positions, positions);
        return bias;
    }

    /// <summary>One node's linear part (per input element: the outputs it reaches) plus its own bias.</summary>
    private sealed class LinearStep(int[] outputShape, Action<int, float, Action<int, float>> spread, float[]? bias)
    {
        public int[] OutputShape { get; } = outputShape;

        public Dictionary<int, float> Apply(Dictionary<int, float> column)
        {
            var result = new Dictionary<int, float>();
            foreach (var (i, v) in column)
            {
                if (v == 0) continue;
                spread(i, v, (j, value) => result[j] = result.GetValueOrDefault(j) + value);
            }
            return result;
        }

        public float[] ApplyDense(float[] vector)
        {
            var result = new float[Size(OutputShape)];
            for (var i = 0; i < vector.Length; i++)
            {
                if (vector[i] != 0) spread(i, vector[i], (j, value) => result[j] += value);
            }
            if (bias is not null)
            {
                for (var j = 0; j < result.Length; j++) result[j] += bias[j];
            }
            return result;
        }
    }
}
