namespace Cortex.Nir.Engine;

/// <summary>
/// A sparse affine map y = A·x + b between two layers of the engine conversion: the composition of every
/// linear NIR node between two neuron nodes (Affine, Linear, Conv2d, SumPool2d, Scale, Flatten). Stored by
/// input (column): each input lists the outputs it reaches and with what weight, which is what a projection's
/// explicit connections need, and what a convolution makes sparse.
/// </summary>
public sealed class AffineMap
{
    private readonly int[][] _targets;
    private readonly float[][] _weights;

    /// <summary>Creates the map from per-input columns (output indices and weights) and the bias.</summary>
    public AffineMap(int[][] targets, float[][] weights, float[] bias)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(bias);
        if (targets.Length != weights.Length) throw new ArgumentException("one weight list per input is needed", nameof(weights));
        for (var i = 0; i < targets.Length; i++)
        {
            if (targets[i].Length != weights[i].Length) throw new ArgumentException($"input {i}: {targets[i].Length} targets but {weights[i].Length} weights", nameof(weights));
            if (targets[i].Any(j => j < 0 || j >= bias.Length)) throw new ArgumentException($"input {i}: an output index is outside 0..{bias.Length - 1}", nameof(targets));
        }
        _targets = targets;
        _weights = weights;
        Bias = bias;
    }

    /// <summary>Number of inputs.</summary>
    public int InputSize => _targets.Length;

    /// <summary>Number of outputs.</summary>
    public int OutputSize => Bias.Length;

    /// <summary>The constant term b.</summary>
    public float[] Bias { get; }

    /// <summary>Non-zero weights in all.</summary>
    public long NonZeroCount => _targets.Sum(t => (long)t.Length);

    /// <summary>The outputs input <paramref name="input"/> reaches.</summary>
    public ReadOnlySpan<int> TargetsOf(int input) => _targets[input];

    /// <summary>The weights from input <paramref name="input"/> to <see cref="TargetsOf"/>.</summary>
    public ReadOnlySpan<float> WeightsOf(int input) => _weights[input];

    /// <summary>A dense matrix [out, in] with bias as a map.</summary>
    public static AffineMap FromDense(NirTensor weight, NirTensor? bias)
    {
        ArgumentNullException.ThrowIfNull(weight);
        var (rows, cols) = (weight.Shape[0], weight.Shape[1]);
        var targets = new int[cols][];
        var weights = new float[cols][];
        for (var i = 0; i < cols; i++)
        {
            var t = new List<int>();
            var w = new List<float>();
            for (var j = 0; j < rows; j++)
            {
                var value = weight[j, i];
                if (value == 0) continue;
                t.Add(j);
                w.Add(value);
            }
            targets[i] = [.. t];
            weights[i] = [.. w];
        }
        return new AffineMap(targets, weights, bias is null ? new float[rows] : (float[])bias.Data.Clone());
    }

    /// <summary>y = A·x + b, accumulated in float32 input by input.</summary>
    public float[] Apply(ReadOnlySpan<float> input)
    {
        if (input.Length != InputSize) throw new ArgumentException($"input has {input.Length} values, the map takes {InputSize}", nameof(input));
        var output = new float[OutputSize];
        for (var i = 0; i < input.Length; i++)
        {
            var x = input[i];
            if (x == 0) continue;
            var targets = _targets[i];
            var weights = _weights[i];
            for (var k = 0; k < targets.Length; k++) output[targets[k]] += weights[k] * x;
        }
        for (var j = 0; j < output.Length; j++) output[j] += Bias[j];
        return output;
    }

    /// <summary>The same as <see cref="Apply(ReadOnlySpan{float})"/> in double precision (spike counts into a readout).</summary>
    public double[] Apply(ReadOnlySpan<double> input)
    {
        if (input.Length != InputSize) throw new ArgumentException($"input has {input.Length} values, the map takes {InputSize}", nameof(input));
        var output = Bias.Select(b => (double)b).ToArray();
        for (var i = 0; i < input.Length; i++)
        {
            var x = input[i];
            if (x == 0) continue;
            var targets = _targets[i];
            var weights = _weights[i];
            for (var k = 0; k < targets.Length; k++) output[targets[k]] += weights[k] * x;
        }
        return output;
    }
}
