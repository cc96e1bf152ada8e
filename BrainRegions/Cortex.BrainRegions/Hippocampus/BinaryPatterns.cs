namespace Cortex.BrainRegions.Hippocampus;

/// <summary>Random sparse binary patterns for an associative memory: each is a set of cell indices of fixed size.</summary>
public static class BinaryPatterns
{
    /// <summary>
    /// <paramref name="count"/> patterns over <paramref name="cells"/> cells, each with <paramref name="active"/> cells
    /// drawn independently and uniformly without replacement (so patterns overlap by chance only), sorted ascending.
    /// </summary>
    public static IReadOnlyList<int[]> Random(int count, int cells, int active, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(active);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(active, cells);
        var random = new Random(seed);
        var patterns = new List<int[]>(count);
        for (var p = 0; p < count; p++)
        {
            var order = Enumerable.Range(0, cells).ToArray();
            random.Shuffle(order);
            patterns.Add([.. order.Take(active).Order()]);
        }
        return patterns;
    }

    /// <summary>The first <paramref name="fraction"/> of <paramref name="pattern"/>'s cells (rounded), the cue of a recall.</summary>
    public static int[] Cue(IReadOnlyList<int> pattern, double fraction)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentOutOfRangeException.ThrowIfLessThan(fraction, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1);
        return [.. pattern.Take((int)Math.Round(fraction * pattern.Count))];
    }
}
