using Cortex.Randomness;

namespace Cortex.Cognition.Motor;

/// <summary>
/// A population of LIF neurons representing a vector x in the unit ball in the manner of the Neural Engineering
/// Framework (Eliasmith &amp; Anderson 2003, ch. 2–7): neuron i has a random preferred direction eᵢ (a unit encoder,
/// so its rate is a rectified function of the cosine between x and eᵢ: the cosine tuning of motor cortex, Georgopoulos
/// et al. 1982), a gain and a bias chosen so that it starts firing where eᵢ·x equals its intercept and fires at its
/// maximum rate at eᵢ·x = 1. Its input current is Jᵢ(x) = gainᵢ·eᵢ·x + biasᵢ. Functions of x are read out by
/// linear decoders (<see cref="DecoderSolver"/>) from the synaptically filtered spike trains.
/// </summary>
public sealed class NefEnsemble
{
    /// <summary>
    /// Draws <paramref name="count"/> neurons for <paramref name="dimensions"/>-dimensional input from <paramref name="random"/>:
    /// encoders uniform on the unit sphere, maximum rates uniform in [<paramref name="minRate"/>, <paramref name="maxRate"/>] Hz
    /// and intercepts uniform in [−<paramref name="intercept"/>, <paramref name="intercept"/>] (Nengo's defaults are 200–400 Hz and ±1).
    /// </summary>
    public NefEnsemble(int count, int dimensions, LifRateCurve neuron, SeededRandom random, double minRate, double maxRate, double intercept)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentNullException.ThrowIfNull(neuron);
        Neuron = neuron;
        Dimensions = dimensions;
        Encoders = new double[count][];
        Gains = new double[count];
        Biases = new double[count];
        var threshold = neuron.ThresholdCurrent;
        for (var i = 0; i < count; i++)
        {
            Encoders[i] = UnitVector(dimensions, random);
            var rate = minRate + (maxRate - minRate) * random.NextDouble();
            var x0 = intercept * (2 * random.NextDouble() - 1);
            // Current at eᵢ·x = x0 is the threshold; at eᵢ·x = 1 it gives the maximum rate.
            Gains[i] = (neuron.CurrentForRate(rate) - threshold) / (1 - x0);
            Biases[i] = threshold - Gains[i] * x0;
        }
    }

    /// <summary>The neuron model the rates are computed for.</summary>
    public LifRateCurve Neuron { get; }

    /// <summary>Dimensions of the represented vector.</summary>
    public int Dimensions { get; }

    /// <summary>Neurons.</summary>
    public int Count => Gains.Length;

    /// <summary>Preferred directions, one unit vector per neuron.</summary>
    public double[][] Encoders { get; }

    /// <summary>Gain per neuron (nA per unit of eᵢ·x).</summary>
    public double[] Gains { get; }

    /// <summary>Bias current per neuron (nA).</summary>
    public double[] Biases { get; }

    /// <summary>The input current (nA) of neuron <paramref name="neuron"/> when the ensemble represents <paramref name="x"/>.</summary>
    public double Current(int neuron, ReadOnlySpan<double> x)
    {
        var dot = 0.0;
        var e = Encoders[neuron];
        for (var d = 0; d < Dimensions; d++) dot += e[d] * x[d];
        return Gains[neuron] * dot + Biases[neuron];
    }

    /// <summary>Writes every neuron's input current (nA) for <paramref name="x"/> into <paramref name="currents"/>.</summary>
    public void Currents(ReadOnlySpan<double> x, Span<float> currents)
    {
        for (var i = 0; i < Count; i++) currents[i] = (float)Current(i, x);
    }

    /// <summary>The tuning curves at <paramref name="x"/>: every neuron's steady rate (Hz).</summary>
    public double[] Rates(ReadOnlySpan<double> x)
    {
        var rates = new double[Count];
        for (var i = 0; i < Count; i++) rates[i] = Neuron.Rate(Current(i, x));
        return rates;
    }

    /// <summary><paramref name="count"/> points drawn uniformly from the unit ball (the represented range), for fitting and testing decoders.</summary>
    public static double[][] SamplePoints(int count, int dimensions, SeededRandom random)
    {
        var points = new double[count][];
        for (var s = 0; s < count; s++)
        {
            var direction = UnitVector(dimensions, random);
            var radius = Math.Pow(random.NextDouble(), 1.0 / dimensions);
            points[s] = [.. direction.Select(v => v * radius)];
        }
        return points;
    }

    private static double[] UnitVector(int dimensions, SeededRandom random)
    {
        while (true)
        {
            var v = new double[dimensions];
            var norm = 0.0;
            for (var d = 0; d < dimensions; d++)
            {
                v[d] = random.NextGaussian();
                norm += v[d] * v[d];
            }
            if (norm < 1e-12) continue;
            norm = Math.Sqrt(norm);
            for (var d = 0; d < dimensions; d++) v[d] /= norm;
            return v;
        }
    }
}
