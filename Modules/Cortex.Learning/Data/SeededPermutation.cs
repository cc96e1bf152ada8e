using Cortex.Randomness;

namespace Cortex.Learning.Data;

/// <summary>
/// Reproducible shuffles from the engine's xoshiro256** streams (not System.Random, whose sequences may
/// change between .NET versions): the same (seed, purpose, stream) always gives the same permutation.
/// </summary>
public static class SeededPermutation
{
    /// <summary>Keeps data shuffles apart from the simulator's random streams ("data" in ASCII).</summary>
    private const StreamDomain DataDomain = (StreamDomain)0x6461_7461;

    /// <summary>Purpose of train/test splits (stream = class label).</summary>
    public const long SplitPurpose = 0;

    /// <summary>Purpose of the per-epoch sample order (stream = epoch).</summary>
    public const long EpochOrderPurpose = 1;

    /// <summary>A uniformly random permutation of 0..<paramref name="count"/>−1 (Fisher–Yates).</summary>
    /// <param name="count">How many items.</param>
    /// <param name="seed">The master seed.</param>
    /// <param name="purpose">What the shuffle is for (e.g. 0 = split, 1 = epoch order), so uses never share a stream.</param>
    /// <param name="stream">The index within the purpose, e.g. the epoch or the class.</param>
    public static int[] Create(int count, ulong seed, long purpose, long stream)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var order = new int[count];
        for (var i = 0; i < count; i++) order[i] = i;
        var random = SeededRandom.Create(seed, DataDomain, purpose, stream);
        for (var i = count - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
