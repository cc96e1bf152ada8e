using Cortex.Spec;
using Cortex.Tests.Support;
using Cortex.Units;
using Xunit;

namespace Cortex.Tests.Compilation;

/// <summary>Initial state and positions are drawn from the seed as the spec says; unset variables take model defaults.</summary>
public sealed class InitialStateTests
{
    private const int N = 10_000;

    private static NetworkSpec Population(Action<PopulationBuilder> configure, ulong seed = 3, string model = "lif") =>
        new NetworkBuilder().Duration(Q.Ms(1)).Seed(seed).Population("p", N, model, configure).Build();

    [Fact]
    public void UniformV_StaysWithinBounds_WithMeanAndSpreadOfTheUniform()
    {
        var v = TestRuntime.Compile(Population(p => p.Init("v", new UniformValue(Q.MV(-60), Q.MV(-50))))).Populations[0].InitialState[0];
        Assert.All(v, x => Assert.InRange(x, -60f, -50f));
        // Uniform on [-60, -50): mean -55, std 10/√12 ≈ 2.887 mV. Mean of 10⁴ draws within 4 standard errors (0.115 mV).
        var mean = v.Average(x => (double)x);
        var std = Math.Sqrt(v.Average(x => (x - mean) * (x - mean)));
        Assert.InRange(mean, -55 - 4 * 2.887 / 100, -55 + 4 * 2.887 / 100);
        Assert.InRange(std, 2.887 * 0.97, 2.887 * 1.03);
        // And it is spread over the whole interval, not bunched.
        Assert.True(v.Min() < -59.9f && v.Max() > -50.1f);
    }

    [Fact]
    public void NormalV_WithBounds_StaysWithinThem()
    {
        var v = TestRuntime.Compile(Population(p => p.Init("v", new NormalValue(Q.MV(-60), Q.MV(5), Q.MV(-62), Q.MV(-55))))).Populations[0].InitialState[0];
        Assert.All(v, x => Assert.InRange(x, -62f, -55f));
        // Redrawn, not clipped: clipping would pile Φ(−0.4) ≈ 34 % of the draws onto −62 mV and 16 % onto −55 mV.
        Assert.True(v.Count(x => x == -62f || x == -55f) < N / 100, "draws pile up on the bounds: clipped, not redrawn");
        // The mean and spread are those of the truncated normal, integrated here numerically (Simpson, 2,000 panels).
        var (expectedMean, expectedStd) = TruncatedNormal(-60, 5, -62, -55);
        var mean = v.Average(x => (double)x);
        var std = Math.Sqrt(v.Average(x => (x - mean) * (x - mean)));
        Assert.InRange(mean, expectedMean - 4 * expectedStd / 100, expectedMean + 4 * expectedStd / 100);
        Assert.InRange(std, expectedStd * 0.97, expectedStd * 1.03);
    }

    private static (double Mean, double Std) TruncatedNormal(double mu, double sigma, double low, double high)
    {
        const int panels = 2000;
        double Integral(Func<double, double> f)
        {
            var h = (high - low) / panels;
            var sum = f(low) + f(high);
            for (var i = 1; i < panels; i++) sum += (i % 2 == 1 ? 4 : 2) * f(low + i * h);
            return sum * h / 3;
        }
        double Density(double x) => Math.Exp(-0.5 * ((x - mu) / sigma) * ((x - mu) / sigma));
        var mass = Integral(Density);
        var mean = Integral(x => x * Density(x)) / mass;
        var variance = Integral(x => (x - mean) * (x - mean) * Density(x)) / mass;
        return (mean, Math.Sqrt(variance));
    }

    [Fact]
    public void NormalV_WithoutBounds_HasTheRequestedMeanAndStd()
    {
        var v = TestRuntime.Compile(Population(p => p.Init("v", new NormalValue(Q.MV(-60), Q.MV(4))))).Populations[0].InitialState[0];
        var mean = v.Average(x => (double)x);
        var std = Math.Sqrt(v.Average(x => (x - mean) * (x - mean)));
        Assert.InRange(mean, -60 - 4 * 4.0 / 100, -60 + 4 * 4.0 / 100);
        Assert.InRange(std, 4 * 0.97, 4 * 1.03);
    }

    [Fact]
    public void UnsetVariables_TakeTheModelsDefault()
    {
        var population = TestRuntime.Compile(Population(p => p.Param("v_rest", "-70 mV").Param("v_reset", "-72 mV"))).Populations[0];
        // LIF starts at rest and not refractory.
        Assert.All(population.InitialState[0], x => Assert.Equal(-70f, x));
        Assert.All(population.InitialState[1], x => Assert.Equal(0f, x));
    }

    [Fact]
    public void ConstantInitialValue_IsUsedEverywhere()
    {
        var v = TestRuntime.Compile(Population(p => p.Init("v", Q.MV(-52.5)))).Populations[0].InitialState[0];
        Assert.All(v, x => Assert.Equal(-52.5f, x));
    }

    [Fact]
    public void InitialState_DependsOnTheSeed()
    {
        var a = TestRuntime.Compile(Population(p => p.Init("v", new UniformValue(Q.MV(-60), Q.MV(-50))), seed: 1)).Populations[0].InitialState[0];
        var b = TestRuntime.Compile(Population(p => p.Init("v", new UniformValue(Q.MV(-60), Q.MV(-50))), seed: 1)).Populations[0].InitialState[0];
        var c = TestRuntime.Compile(Population(p => p.Init("v", new UniformValue(Q.MV(-60), Q.MV(-50))), seed: 2)).Populations[0].InitialState[0];
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void InitialStateIsReachedByTheRun()
    {
        // The state the compiler drew is the state the backend starts from: the probe's first sample (step 0) shows it.
        var spec = new NetworkBuilder().Duration(Q.Ms(0.2)).Seed(9)
            .Population("p", 50, "lif", p => p.Init("v", new UniformValue(Q.MV(-60), Q.MV(-50))))
            .RecordState("p", "v")
            .Build();
        var run = TestRuntime.Run(spec);
        var drawn = run.Network.Populations[0].InitialState[0];
        for (var n = 0; n < 50; n++) Assert.Equal(drawn[n], run.Trace(0, n)[0]);
    }

    [Fact]
    public void RandomPositions_LieInTheBox()
    {
        var spec = new NetworkBuilder().Duration(Q.Ms(1))
            .Population("p", 2000, "if", p => p.RandomPositions(new Point3(-10, 0, 5), new Point3(10, 100, 6)))
            .Build();
        var xyz = TestRuntime.Compile(spec).Populations[0].Positions!;
        Assert.Equal(6000, xyz.Length);
        for (var n = 0; n < 2000; n++)
        {
            Assert.InRange(xyz[3 * n], -10f, 10f);
            Assert.InRange(xyz[3 * n + 1], 0f, 100f);
            Assert.InRange(xyz[3 * n + 2], 5f, 6f);
        }
        // Uniform in y over [0, 100]: mean 50, standard error 100/√12/√2000 ≈ 0.65.
        var meanY = Enumerable.Range(0, 2000).Average(n => xyz[3 * n + 1]);
        Assert.InRange(meanY, 50 - 4 * 0.65, 50 + 4 * 0.65);
    }

    [Fact]
    public void ExplicitPositions_AreKept()
    {
        Point3[] points = [new(1, 2, 3), new(-4.5, 0, 1e3)];
        var spec = new NetworkBuilder().Duration(Q.Ms(1)).Population("p", 2, "if", p => p.PositionsAt(points)).Build();
        Assert.Equal([1f, 2f, 3f, -4.5f, 0f, 1000f], TestRuntime.Compile(spec).Populations[0].Positions!);
    }
}
