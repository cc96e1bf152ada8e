using Cortex.Randomness;

namespace Cortex.Cognition.Reinforcement.ActorCritic;

/// <summary>
/// Turns an observation into input spikes through place-cell-like neurons with Gaussian tuning curves, <c>tiles</c> of
/// them evenly spaced over each component's <see cref="IControlEnvironment.ObservationRange"/> (values outside are
/// clamped to it), σ = width · spacing. Factorized, each component has its own row of cells (neuron d·tiles + j, rate =
/// peak · exp(−z_j² / 2)); conjunctive, a cell sits at every combination of the components' centres (tiles^D cells,
/// rate = peak · Π_d exp(−z_d² / 2)), like the place cells of a 2-D maze in Frémaux et al. (2013), so values and
/// preferences need not be sums over the components. Spikes are either Poisson or regular (an integrate-and-fire on the
/// rate, with a random starting phase per presentation), the latter being the current-coded case without Poisson noise
/// in the value read-out.
/// </summary>
public sealed class PlaceCellEncoder
{
    private readonly IReadOnlyList<(double Low, double High)> _ranges;
    private readonly int _tiles;
    private readonly double _width;
    private readonly double _peakHz;
    private readonly bool _poisson;
    private readonly bool _conjunctive;
    private readonly double[] _tuning;
    private readonly double[] _rates;
    private readonly double[] _phases;
    private readonly int[] _fired;

    /// <summary>An encoder for observations with <paramref name="ranges"/>, <paramref name="tiles"/> cells per component.</summary>
    public PlaceCellEncoder(IReadOnlyList<(double Low, double High)> ranges, int tiles, double width, double peakHz, bool poisson, bool conjunctive = false)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        ArgumentOutOfRangeException.ThrowIfLessThan(tiles, 2);
        _ranges = ranges;
        _tiles = tiles;
        _width = width;
        _peakHz = peakHz;
        _poisson = poisson;
        _conjunctive = conjunctive;
        _tuning = new double[ranges.Count * tiles];
        Size = conjunctive ? checked((int)Math.Pow(tiles, ranges.Count)) : ranges.Count * tiles;
        _rates = new double[Size];
        _phases = new double[Size];
        _fired = new int[Size];
    }

    /// <summary>Input neurons: components × tiles.</summary>
    public int Size { get; }

    /// <summary>
    /// How much the summed input rate falls short of one component's row of cells, at the middle of the ranges: the
    /// network scales its input weights by it, so the drive does not grow with the number of components (factorized) or
    /// shrink with it (conjunctive).
    /// </summary>
    public double DriveScale
    {
        get
        {
            var middle = _ranges.Select(r => (r.Low + r.High) / 2).ToArray();
            var one = new PlaceCellEncoder([_ranges[0]], _tiles, _width, _peakHz, _poisson).Rates([middle[0]]).Sum();
            return one / Rates(middle).Sum();
        }
    }

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
                _tuning[d * _tiles + j] = Math.Exp(-0.5 * z * z);
            }
        }
        for (var i = 0; i < Size; i++)
        {
            if (!_conjunctive)
            {
                _rates[i] = _peakHz * _tuning[i];
                continue;
            }
            // Cell i sits at tile (i / tiles^d) mod tiles of component d.
            var rate = _peakHz;
            for (int d = 0, rest = i; d < _ranges.Count; d++, rest /= _tiles) rate *= _tuning[d * _tiles + rest % _tiles];
            _rates[i] = rate;
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
