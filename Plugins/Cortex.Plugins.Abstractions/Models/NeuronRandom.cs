namespace Cortex.Models;

/// <summary>
/// A counter-based random stream for one neuron at one step: every draw is a pure function of
/// (network seed, population, neuron, step, draw number). Nothing is stored, so it costs nothing to
/// snapshot, gives the same numbers whatever the thread count or backend, and a GPU kernel can
/// compute it too. Use a different <c>draw</c> number for each independent number needed in a step.
/// </summary>
public readonly struct NeuronRandom
{
    private readonly ulong _key;

    /// <summary>The stream of neuron <paramref name="neuron"/> at step <paramref name="step"/> in a population whose stream key is <paramref name="population"/>.</summary>
    public NeuronRandom(ulong population, int neuron, long step) =>
        _key = Mix(Mix(population ^ (ulong)(uint)neuron) ^ (ulong)step);

    /// <summary>Uniform on [0, 1) with 24 random bits (exactly representable as float).</summary>
    public float Uniform(int draw) => (Bits(draw) >> 40) * (1f / (1 << 24));

    /// <summary>Standard normal (Box–Muller on two 32-bit halves of one draw).</summary>
    public float Normal(int draw)
    {
        var bits = Bits(draw);
        var u1 = ((bits >> 32) + 1) * (1.0 / 4294967297.0);
        var u2 = (bits & 0xFFFFFFFF) * (1.0 / 4294967296.0);
        return (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }

    /// <summary>64 random bits.</summary>
    public ulong Bits(int draw) => Mix(_key + 0x9E3779B97F4A7C15UL * (ulong)(uint)(draw + 1));

    /// <summary>The SplitMix64 finaliser: a bijective mix with full avalanche.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
