using Cortex.Nir.Nodes;

namespace Cortex.Nir.Tests;

/// <summary>Seeded random parameters and small graphs shared by the tests.</summary>
internal static class Graphs
{
    public static float[] Normal(Random random, int count, double scale, double mean = 0) =>
        [.. Enumerable.Range(0, count).Select(_ =>
            (float)(mean + scale * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))];

    public static float[] Uniform(Random random, int count, double low, double high) =>
        [.. Enumerable.Range(0, count).Select(_ => (float)(low + (high - low) * random.NextDouble()))];

    public static NirAffine Affine(Random random, int outputs, int inputs, double scale, double biasMean = 0, double biasScale = 0.1) =>
        new(NirTensor.Matrix(outputs, inputs, Normal(random, outputs * inputs, scale)), NirTensor.Vector(Normal(random, outputs, biasScale, biasMean)));

    public static NirLif Lif(int size, float tauSeconds, float threshold = 1, float vLeak = 0, float vReset = 0) =>
        new(NirTensor.Filled(size, tauSeconds), NirTensor.Filled(size, 1), NirTensor.Filled(size, vLeak),
            NirTensor.Filled(size, threshold), NirTensor.Filled(size, vReset));

    /// <summary>An IF layer whose NIR ODE dv/dt = r·I with r = 1/dt is the discrete v += x.</summary>
    public static NirIf If(int size, double dtSeconds, float threshold = 1) =>
        new(NirTensor.Filled(size, (float)(1 / dtSeconds)), NirTensor.Filled(size, threshold), NirTensor.Filled(size, 0));

    /// <summary>One node of every supported primitive type, chained (the chain is not meant to run).</summary>
    public static NirGraph EveryPrimitive(int seed)
    {
        var random = new Random(seed);
        var n = 4;
        var conv = new NirConv2d(
            new NirTensor([3, 2, 3, 3], Normal(random, 54, 1)), NirTensor.Vector(Normal(random, 3, 1)),
            [2, 1], [1, 0], [1, 2], 1, [5, 6]);
        return NirGraph.Sequential(
            ("input", new NirInput([2, 5, 6])),
            ("conv", conv),
            ("pool", new NirSumPool2d([2, 2], [2, 1], [0, 1])),
            ("flat", new NirFlatten(0, -1, [3, 2, 2])),
            ("affine", Affine(random, n, 12, 1)),
            ("lif", new NirLif(NirTensor.Vector(Uniform(random, n, 1e-3, 2e-2)), NirTensor.Vector(Uniform(random, n, 0.5, 2)),
                NirTensor.Vector(Normal(random, n, 0.1)), NirTensor.Vector(Uniform(random, n, 0.8, 1.2)), NirTensor.Vector(Normal(random, n, 0.1, -0.2)))),
            ("linear", new NirLinear(NirTensor.Matrix(n, n, Normal(random, n * n, 1)))),
            ("cuba", new NirCubaLif(NirTensor.Vector(Uniform(random, n, 1e-3, 5e-3)), NirTensor.Vector(Uniform(random, n, 5e-3, 2e-2)),
                NirTensor.Vector(Uniform(random, n, 0.5, 2)), NirTensor.Vector(Normal(random, n, 0.1)), NirTensor.Vector(Uniform(random, n, 0.8, 1.2)),
                NirTensor.Vector(Normal(random, n, 0.1, -0.3)), NirTensor.Vector(Uniform(random, n, 0.5, 3)))),
            ("scale", new NirScale(NirTensor.Vector(Normal(random, n, 1)))),
            ("if", new NirIf(NirTensor.Vector(Uniform(random, n, 0.5, 2)), NirTensor.Vector(Uniform(random, n, 0.8, 1.2)), NirTensor.Vector(Normal(random, n, 0.1, -0.3)))),
            ("threshold", new NirThreshold(NirTensor.Vector(Normal(random, n, 1)))),
            ("output", new NirOutput([n])));
    }
}
