namespace Cortex.Viewer.Scene;

/// <summary>
/// Spike events (time, scene neuron index) sorted by time, and the flash brightness they give at any moment.
/// Decay law: a neuron's brightness at time t is <c>exp(-(t - s) / decay)</c> for its latest spike s ≤ t,
/// and 0 when it has not spiked within <see cref="CutoffDecays"/> decay times (where the flash is below 1/400).
/// Thread-safe: a live feed may <see cref="Append"/> while a renderer asks for <see cref="Brightness"/>.
/// </summary>
public sealed class ActivityTimeline
{
    /// <summary>Flashes older than this many decay times are dropped (e^-6 ≈ 0.0025, under one 8-bit level).</summary>
    public const double CutoffDecays = 6;

    private readonly Lock _lock = new();
    private double[] _times = [];
    private int[] _neurons = [];
    private int _count;

    /// <summary>An empty timeline over <paramref name="neuronCount"/> neurons.</summary>
    public ActivityTimeline(int neuronCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(neuronCount);
        NeuronCount = neuronCount;
    }

    /// <summary>Neurons in the scene.</summary>
    public int NeuronCount { get; }

    /// <summary>Number of spikes.</summary>
    public int Count
    {
        get { lock (_lock) return _count; }
    }

    /// <summary>Time of the first spike, ms (0 when empty).</summary>
    public double StartMs
    {
        get { lock (_lock) return _count == 0 ? 0 : _times[0]; }
    }

    /// <summary>Time of the last spike, ms (0 when empty).</summary>
    public double EndMs
    {
        get { lock (_lock) return _count == 0 ? 0 : _times[_count - 1]; }
    }

    /// <summary>The decay law: brightness of a flash <paramref name="ageMs"/> after its spike.</summary>
    public static float Flash(double ageMs, double decayMs) =>
        ageMs < 0 || ageMs > CutoffDecays * decayMs ? 0f : (float)Math.Exp(-ageMs / decayMs);

    /// <summary>Adds one spike (live feeds: times usually arrive in order; an earlier one is inserted in place).</summary>
    public void Append(double timeMs, int neuron) => AddRange([timeMs], [neuron]);

    /// <summary>Adds spikes given as parallel arrays, in any order.</summary>
    public void AddRange(ReadOnlySpan<double> timesMs, ReadOnlySpan<int> neurons)
    {
        if (timesMs.Length != neurons.Length) throw new ArgumentException("times and neurons differ in length", nameof(neurons));
        foreach (var n in neurons)
        {
            if ((uint)n >= (uint)NeuronCount) throw new ArgumentOutOfRangeException(nameof(neurons), $"neuron {n} is outside the scene's {NeuronCount}");
        }
        lock (_lock)
        {
            var start = _count;
            Grow(_count + timesMs.Length);
            timesMs.CopyTo(_times.AsSpan(_count));
            neurons.CopyTo(_neurons.AsSpan(_count));
            _count += timesMs.Length;
            var sorted = true;
            for (var i = Math.Max(1, start); i < _count && sorted; i++) sorted = _times[i - 1] <= _times[i];
            if (!sorted)
            {
                // Stable sort on time keeps the neuron order of simultaneous spikes.
                var order = Enumerable.Range(0, _count).OrderBy(i => _times[i]).ToArray();
                var times = order.Select(i => _times[i]).ToArray();
                var ids = order.Select(i => _neurons[i]).ToArray();
                times.CopyTo(_times, 0);
                ids.CopyTo(_neurons, 0);
            }
        }
    }

    /// <summary>
    /// Writes every neuron's flash brightness at <paramref name="timeMs"/> into <paramref name="brightnessPerNeuron"/>
    /// (length <see cref="NeuronCount"/>), by the decay law in the class summary.
    /// </summary>
    /// <returns>The number of neurons with a nonzero brightness.</returns>
    public int Brightness(double timeMs, double decayMs, Span<float> brightnessPerNeuron)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(decayMs);
        if (brightnessPerNeuron.Length < NeuronCount) throw new ArgumentException($"needs {NeuronCount} values", nameof(brightnessPerNeuron));
        brightnessPerNeuron.Clear();
        var lit = 0;
        lock (_lock)
        {
            var from = LowerBound(timeMs - CutoffDecays * decayMs);
            for (var i = from; i < _count && _times[i] <= timeMs; i++)
            {
                var b = Flash(timeMs - _times[i], decayMs);
                ref var slot = ref brightnessPerNeuron[_neurons[i]];
                if (slot == 0 && b > 0) lit++;
                if (b > slot) slot = b;
            }
        }
        return lit;
    }

    /// <summary>Spikes in [<paramref name="fromMs"/>, <paramref name="toMs"/>) of each neuron (for rates in picking).</summary>
    public int CountSpikes(int neuron, double fromMs, double toMs)
    {
        lock (_lock)
        {
            var n = 0;
            for (var i = LowerBound(fromMs); i < _count && _times[i] < toMs; i++)
            {
                if (_neurons[i] == neuron) n++;
            }
            return n;
        }
    }

    /// <summary>Adds each spike in [<paramref name="fromMs"/>, <paramref name="toMs"/>) to its neuron's slot of <paramref name="countsPerNeuron"/> (one pass, for region rates).</summary>
    public void CountSpikes(double fromMs, double toMs, Span<int> countsPerNeuron)
    {
        if (countsPerNeuron.Length < NeuronCount) throw new ArgumentException($"needs {NeuronCount} slots", nameof(countsPerNeuron));
        lock (_lock)
        {
            for (var i = LowerBound(fromMs); i < _count && _times[i] < toMs; i++) countsPerNeuron[_neurons[i]]++;
        }
    }

    /// <summary>A copy of the spike times, sorted.</summary>
    public double[] Times()
    {
        lock (_lock) return _times.AsSpan(0, _count).ToArray();
    }

    private int LowerBound(double timeMs)
    {
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_times[mid] < timeMs) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private void Grow(int capacity)
    {
        if (capacity <= _times.Length) return;
        var size = Math.Max(capacity, Math.Max(16, _times.Length * 2));
        Array.Resize(ref _times, size);
        Array.Resize(ref _neurons, size);
    }
}
