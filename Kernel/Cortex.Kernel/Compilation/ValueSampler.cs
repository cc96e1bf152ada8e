using Cortex.Randomness;
using Cortex.Spec;

namespace Cortex.Compilation;

/// <summary>
/// Draws values of a <see cref="ValueSpec"/> in internal units. Constants draw nothing, so adding a
/// random parameter elsewhere never shifts the streams of constant ones.
/// </summary>
internal static class ValueSampler
{
    public static double Sample(ValueSpec value, ref SeededRandom random) => value switch
    {
        ConstantValue c => c.Value.Value,
        UniformValue u => u.Low.Value + (u.High.Value - u.Low.Value) * random.NextDouble(),
        NormalValue n => SampleNormal(n, ref random),
        _ => throw new NotSupportedException($"value kind {value.GetType().Name}"),
    };

    /// <summary>
    /// One value per neuron of a population's parameter, from the stream (seed, <see cref="StreamDomain.Parameters"/>,
    /// population, parameter index): validation and compilation draw the same values, whatever the thread count.
    /// </summary>
    public static double[] DrawParameter(ValueSpec value, int count, ulong seed, int population, int parameter)
    {
        var random = SeededRandom.Create(seed, StreamDomain.Parameters, population, parameter);
        var values = new double[Math.Max(count, 0)];
        for (var n = 0; n < values.Length; n++) values[n] = Sample(value, ref random);
        return values;
    }

    /// <summary>
    /// The shared stand-in for a parameter drawn per neuron: the distribution's mean (uniform: the midpoint of low and
    /// high; normal: the mean, clamped into [min, max]). Per-neuron values override it wherever a model reads them.
    /// </summary>
    public static double Placeholder(ValueSpec value) => value switch
    {
        ConstantValue c => c.Value.Value,
        UniformValue u => 0.5 * (u.Low.Value + u.High.Value),
        NormalValue n => Math.Clamp(n.Mean.Value, n.Min?.Value ?? double.NegativeInfinity, n.Max?.Value ?? double.PositiveInfinity),
        _ => throw new NotSupportedException($"value kind {value.GetType().Name}"),
    };

    public static bool IsConstant(ValueSpec value, out double constant)
    {
        constant = value is ConstantValue c ? c.Value.Value : 0;
        return value is ConstantValue;
    }

    // Redraw until inside the bounds (NEST's normal_clipped semantics keep the shape inside the window).
    private static double SampleNormal(NormalValue n, ref SeededRandom random)
    {
        var min = n.Min?.Value ?? double.NegativeInfinity;
        var max = n.Max?.Value ?? double.PositiveInfinity;
        for (var attempt = 0; attempt < 10_000; attempt++)
        {
            var x = n.Mean.Value + n.Std.Value * random.NextGaussian();
            if (x >= min && x <= max) return x;
        }
        throw new InvalidOperationException(
            $"normal(mean {n.Mean}, std {n.Std}) almost never falls inside [{n.Min}, {n.Max}]; widen the bounds");
    }
}
