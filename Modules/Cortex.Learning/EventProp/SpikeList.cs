namespace Cortex.Learning.EventProp;

/// <summary>
/// The spikes of one layer in one trial, in time order: when, which neuron, and the neuron's synaptic current at
/// that moment (the adjoint's jump divides by dV/dt = (I − ϑ)/τ_mem there, so the forward pass keeps it).
/// </summary>
public sealed class SpikeList
{
    private readonly List<double> _times = [];
    private readonly List<int> _neurons = [];
    private readonly List<double> _currents = [];

    /// <summary>Creates an empty list for a layer of <paramref name="neurons"/> neurons.</summary>
    public SpikeList(int neurons)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(neurons, 1);
        Neurons = neurons;
    }

    /// <summary>Neurons in the layer.</summary>
    public int Neurons { get; }

    /// <summary>Number of spikes.</summary>
    public int Count => _times.Count;

    /// <summary>Spike times (ms), ascending.</summary>
    public IReadOnlyList<double> Times => _times;

    /// <summary>The neuron of each spike.</summary>
    public IReadOnlyList<int> Sources => _neurons;

    /// <summary>The spiking neuron's synaptic current at each spike (0 for input spikes).</summary>
    public IReadOnlyList<double> Currents => _currents;

    /// <summary>Adds a spike; call in time order or call <see cref="Sorted"/> afterwards.</summary>
    public void Add(double time, int neuron, double current = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(neuron);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(neuron, Neurons);
        _times.Add(time);
        _neurons.Add(neuron);
        _currents.Add(current);
    }

    /// <summary>The same spikes ordered by time, ties by neuron index (a stable order, so runs repeat exactly).</summary>
    public SpikeList Sorted()
    {
        var order = Enumerable.Range(0, Count).OrderBy(k => _times[k]).ThenBy(k => _neurons[k]).ToArray();
        var sorted = new SpikeList(Neurons);
        foreach (var k in order) sorted.Add(_times[k], _neurons[k], _currents[k]);
        return sorted;
    }

    /// <summary>Each neuron's first spike time, or +∞ for a neuron that stayed silent.</summary>
    public double[] FirstSpikeTimes()
    {
        var first = Enumerable.Repeat(double.PositiveInfinity, Neurons).ToArray();
        for (var k = Count - 1; k >= 0; k--) first[_neurons[k]] = _times[k];
        return first;
    }

    /// <summary>Index into this list of each neuron's first spike, or −1 for a silent neuron.</summary>
    public int[] FirstSpikeIndices()
    {
        var first = Enumerable.Repeat(-1, Neurons).ToArray();
        for (var k = Count - 1; k >= 0; k--) first[_neurons[k]] = k;
        return first;
    }
}
