namespace Cortex.Randomness;

/// <summary>
/// A xoshiro256** generator seeded through SplitMix64. Every random draw in Cortex comes from a
/// stream derived from (master seed, domain, indices), never from shared state, so results do not
/// depend on thread count or on the order in which work is scheduled. Implemented here rather than
/// using System.Random because its sequences are not guaranteed stable across .NET versions.
/// </summary>
public struct SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>The stream for (seed, domain, a, b): independent streams for different keys.</summary>
    public static SeededRandom Create(ulong seed, StreamDomain domain, long a = 0, long b = 0)
    {
        var key = SplitMix(seed);
        key = SplitMix(key ^ (ulong)domain);
        key = SplitMix(key ^ (ulong)a);
        key = SplitMix(key ^ (ulong)b);
        var stream = new SeededRandom();
        stream._s0 = SplitMix(ref key);
        stream._s1 = SplitMix(ref key);
        stream._s2 = SplitMix(ref key);
        stream._s3 = SplitMix(ref key);
        return stream;
    }

    /// <summary>Writes the generator's state (for session snapshots).</summary>
    public readonly void Save(BinaryWriter writer)
    {
        writer.Write(_s0);
        writer.Write(_s1);
        writer.Write(_s2);
        writer.Write(_s3);
    }

    /// <summary>A generator in the state <see cref="Save"/> wrote.</summary>
    public static SeededRandom Load(BinaryReader reader) => new()
    {
        _s0 = reader.ReadUInt64(), _s1 = reader.ReadUInt64(), _s2 = reader.ReadUInt64(), _s3 = reader.ReadUInt64(),
    };

    /// <summary>64 random bits.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer on [0, n) without modulo bias (Lemire's method).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "must be > 0");
        var range = (ulong)n;
        var product = Math.BigMul(NextUInt64(), range, out var low);
        if (low < range)
        {
            var threshold = (0 - range) % range;
            while (low < threshold) product = Math.BigMul(NextUInt64(), range, out low);
        }
        return (int)product;
    }

    /// <summary>Standard normal (Marsaglia's polar method; the second value is discarded to keep streams simple).</summary>
    public double NextGaussian()
    {
        while (true)
        {
            var u = 2 * NextDouble() - 1;
            var v = 2 * NextDouble() - 1;
            var s = u * u + v * v;
            if (s is > 0 and < 1) return u * Math.Sqrt(-2 * Math.Log(s) / s);
        }
    }

    /// <summary>Poisson-distributed count with mean <paramref name="mean"/> (Knuth's method, split for large means).</summary>
    public int NextPoisson(double mean)
    {
        var count = 0;
        // Sums of Poisson variables are Poisson, so large means are split to keep exp(-mean) representable.
        while (mean > 30)
        {
            count += NextPoisson(30);
            mean -= 30;
        }
        var limit = Math.Exp(-mean);
        var product = NextDouble();
        while (product > limit)
        {
            count++;
            product *= NextDouble();
        }
        return count;
    }

    /// <summary>The threshold exp(−mean) of <see cref="NextPoisson(double, double)"/>, worked out once for many draws.</summary>
    public static double PoissonLimit(double mean) => Math.Exp(-Math.Min(mean, 30));

    /// <summary>
    /// The same draw as <see cref="NextPoisson(double)"/>, with its threshold exp(−mean) precomputed by
    /// <see cref="PoissonLimit"/> (used when the mean is at most 30; larger means take the splitting path).
    /// </summary>
    public int NextPoisson(double mean, double limit)
    {
        if (mean > 30) return NextPoisson(mean);
        var count = 0;
        var product = NextDouble();
        while (product > limit)
        {
            count++;
            product *= NextDouble();
        }
        return count;
    }

    /// <summary>Number of failures before the first success of a Bernoulli(p) trial (0 &lt; p &lt; 1).</summary>
    public long NextGeometric(double p, double logOneMinusP) => (long)Math.Floor(Math.Log(1 - NextDouble()) / logOneMinusP);

    private static ulong SplitMix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static ulong SplitMix(ref ulong state)
    {
        var result = SplitMix(state);
        state += 0x9E3779B97F4A7C15UL;
        return result;
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}

/// <summary>What a random stream is used for; keeps streams for different purposes independent.</summary>
public enum StreamDomain : ulong
{
    /// <summary>Connectivity and per-synapse weights/delays of projection a, row b.</summary>
    Connectivity = 1,
    /// <summary>Initial state of population a, variable b.</summary>
    InitialState = 2,
    /// <summary>Positions of population a.</summary>
    Positions = 3,
    /// <summary>Poisson stimulus a, target neuron b.</summary>
    Poisson = 4,
    /// <summary>Per-neuron values of population a, parameter b (its index in the model's parameters).</summary>
    Parameters = 5,
    /// <summary>Initial receptor state of population a, key b = receptor index · 65536 + state variable index.</summary>
    ReceptorState = 6,
}
