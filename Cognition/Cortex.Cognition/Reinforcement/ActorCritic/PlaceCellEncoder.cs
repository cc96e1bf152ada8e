using Cortex.Randomness;

namespace Cortex.Cognition.Reinforcement.ActorCritic;

/// <summary>
/// Turns an observation into input spikes: each observation component is tiled by <c>tiles</c> place-cell-like neurons
/// with Gaussian tuning curves evenly spaced over its <see cref="IControlEnvironment.ObservationRange"/> (values outside
/// are clamped to it), rate = peak · exp(−(x − centre)² / 2σ²), σ = width · spacing. Neuron d·tiles + j codes tile j of
/// component d. Spikes are either Poisson or regular (an integrate-and-fire on the rate, with a random starting phase
/// per presentation), the latter being the current-coded case without Poisson noise in the value read-out.
/// </summary>
public sealed class PlaceCellEncoder
{
    private readonly IReadOnlyList<(double Low, double High)> _ranges;
    private readonly int _tiles;
    private readonly double _width;
    private readonly double _peakHz;
    private readonly bool _poisson;
    private readonly double[] _rates;
    private readonly double[] _phases;
    private readonly int[] _fired;

    /// <summary>An encoder for observations with <paramref name="ranges"/>, <paramref name="tiles"/> cells per component.</summary>
    public PlaceCellEncoder(IReadOnlyList<(double Low, double High)> ranges, int tiles, double width, double peakHz, bool poisson)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        ArgumentOutOfRangeException.ThrowIfLessThan(tiles, 2);
        _ranges = ranges;
        _tiles = tiles;
        _width = width;
        _peakHz = peakHz;
        _poisson = poisson;
        Size = ranges.Count * tiles;
        _rates = new double[Size];
        _phases = new double[Size];
        _fired = new int[Size];
    }

    /// <summary>Input neurons: components × tiles.</summary>
    public int Size { get; }

    /// <summary>The firing rate (Hz) of every input neuron for <paramref name="observation"/>.</summary>
    public IReadOnlyList<double> Rates(double[] observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        for (var d = 0; d < _ranges.Count; d++)
        {
            var (low, high) = _ranges[d];
            var spacing = (high - low) / (_tiles - 1);
            var sigma = _width * spacing;
            var x = Math.Clamp(observation[d], low, high);
            for (var j = 0; j < _tiles; j++)
            {
                var z = (x - (low + j * spacing)) / sigma;
                _rates[d * _tiles + j] = _peakHz * Math.Exp(-0.5 * z * z);
            }
        }
        return _rates;
    }

    /// <summary>Starts presenting <paramref name="observation"/>: sets the rates and draws fresh phases.</summary>
    public void Begin(double[] observation, ref SeededRandom random)
    {
        Rates(observation);
        for (var i = 0; i < Size; i++) _phases[i] = random.NextDouble();
    }

    /// <summary>The neurons that fire in the next step of <paramref name="dtMs"/>.</summary>
    public ReadOnlySpan<int> Next(double dtMs, ref SeededRandom random)
    {
        var n = 0;
        for (var i = 0; i < Size; i++)
        {
            var expected = _rates[i] * dtMs / 1000;
            if (_poisson)
            {
                if (random.NextDouble() < expected) _fired[n++] = i;
            }
            else if ((_phases[i] += expected) >= 1)
            {
                _phases[i] -= 1;
                _fired[n++] = i;
            }
        }
        return _fired.AsSpan(0, n);
    }
}
