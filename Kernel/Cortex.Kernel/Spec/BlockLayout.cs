namespace Cortex.Spec;

/// <summary>
/// Consecutive blocks of neurons given by their sizes: where each block starts and which block a neuron is in.
/// Shared by the <see cref="BlockConnector"/> builder and by code that maps neurons back to their block (a region).
/// </summary>
public sealed class BlockLayout
{
    private readonly long[] _starts;

    /// <summary>Lays out blocks of the given sizes (each ≥ 0) one after the other from neuron 0.</summary>
    public BlockLayout(IReadOnlyList<int> sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        _starts = new long[sizes.Count + 1];
        for (var b = 0; b < sizes.Count; b++) _starts[b + 1] = _starts[b] + Math.Max(0, sizes[b]);
    }

    /// <summary>Number of blocks.</summary>
    public int Count => _starts.Length - 1;

    /// <summary>Neurons in all blocks together.</summary>
    public long Total => _starts[^1];

    /// <summary>First neuron of <paramref name="block"/>.</summary>
    public int Start(int block) => (int)_starts[block];

    /// <summary>Neurons in <paramref name="block"/>.</summary>
    public int Size(int block) => (int)(_starts[block + 1] - _starts[block]);

    /// <summary>The block that holds <paramref name="neuron"/> (binary search; empty blocks are never returned).</summary>
    public int BlockOf(int neuron)
    {
        if (neuron < 0 || neuron >= Total) throw new ArgumentOutOfRangeException(nameof(neuron), neuron, $"must be in [0, {Total})");
        int low = 0, high = Count - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (_starts[middle] <= neuron) low = middle;
            else high = middle - 1;
        }
        return low;
    }
}
