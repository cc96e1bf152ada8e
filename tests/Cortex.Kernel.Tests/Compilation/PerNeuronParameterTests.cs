using Cortex.Spec;
using Cortex.Tests.Circuits;
using Cortex.Units;
using Xunit;

namespace Cortex.Tests.Compilation;

/// <summary>
/// A parameter given as a distribution is drawn per neuron from the seed: inside its bounds, with the requested
/// statistics, the same for a seed whatever the thread count, and unset state starts at each neuron's own default.
/// </summary>
public sealed class PerNeuronParameterTests
{
    private const int N = 10_000;

    private static NetworkSpec Population(Action<PopulationBuilder> configure, ulong seed = 5, int size = N) =>
        new NetworkBuilder().Duration(Q.Ms(1)).Seed(seed).Population("p", size, "lif", configure).Build();

    private static double[] Drawn(NetworkSpec spec, string parameter, int threads = 1) =>
        TestComponents.Compile(spec, threads).Populations[0].PerNeuronParameters[parameter];

    [Fact]
    public void UniformTauM_StaysWithinBounds_WithTheUniformsMeanAndSpread()
    {
        var tau = Drawn(Population(p => p.Param("tau_m", new UniformValue(Q.Ms(12), Q.Ms(30)))), "tau_m");
        Assert.Equal(N, tau.Length);
        Assert.All(tau, x => Assert.InRange(x, 12, 30));
        // Uniform on [12, 30): mean 21, std 18/√12 ≈ 5.196 ms; mean of 10⁴ draws within 4 standard errors (0.208 ms).
        var mean = tau.Average();
        var std = Math.Sqrt(tau.Average(x => (x - mean) * (x - mean)));
        Assert.InRange(mean, 21 - 0.208, 21 + 0.208);
        Assert.InRange(std, 5.196 * 0.97, 5.196 * 1.03);
        Assert.True(tau.Min() < 12.05 && tau.Max() > 29.95);
    }

    [Fact]
    public void NormalThreshold_HasTheRequestedMeanAndStd()
    {
        var threshold = Drawn(Population(p => p.Param("v_thresh", new NormalValue(Q.MV(-50), Q.MV(2)))), "v_thresh");
        var mean = threshold.Average();
        var std = Math.Sqrt(threshold.Average(x => (x - mean) * (x - mean)));
        // Standard error of the mean 2/√10⁴ = 0.02 mV; of the std about 2/√(2·10⁴) ≈ 0.014 mV.
        Assert.InRange(mean, -50 - 4 * 0.02, -50 + 4 * 0.02);
        Assert.InRange(std, 2 - 4 * 0.0142, 2 + 4 * 0.0142);
    }

    [Fact]
    public void BoundedNormal_StaysWithinItsBounds()
    {
        var threshold = Drawn(Population(p => p.Param("v_thresh", new NormalValue(Q.MV(-50), Q.MV(5), Q.MV(-52), Q.MV(-49)))), "v_thresh");
        Assert.All(threshold, x => Assert.InRange(x, -52, -49));
    }

    [Fact]
    public void OnlyDistributionsAreDrawn_AndSharedValuesHoldTheMeanAsStandIn()
    {
        var population = TestComponents.Compile(Population(p => p
            .Param("tau_m", new UniformValue(Q.Ms(12), Q.Ms(30)))
            .Param("v_thresh", new NormalValue(Q.MV(-40), Q.MV(3), Q.MV(-45), Q.MV(-42)))
            .Param("cm", Q.PF(300)))).Populations[0];
        Assert.Equal(["tau_m", "v_thresh"], population.PerNeuronParameters.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0.3, population.Parameters["cm"], 12);
        Assert.Equal(21, population.Parameters["tau_m"], 12);       // midpoint of [12, 30]
        Assert.Equal(-42, population.Parameters["v_thresh"], 12);   // mean -40, clamped into [-45, -42]
        Assert.Equal(-65, population.Parameters["v_rest"], 12);     // untouched default
    }

    [Fact]
    public void Draws_AreDeterministicForASeed_AndDependOnIt()
    {
        NetworkSpec Spec(ulong seed) => Population(p => p.Param("tau_m", new UniformValue(Q.Ms(10), Q.Ms(30))), seed, size: 500);
        Assert.Equal(Drawn(Spec(1), "tau_m"), Drawn(Spec(1), "tau_m"));
        Assert.NotEqual(Drawn(Spec(1), "tau_m"), Drawn(Spec(2), "tau_m"));
    }

    [Fact]
    public void Draws_DoNotDependOnTheThreadCount()
    {
        var spec = Population(p => p.Param("tau_m", new UniformValue(Q.Ms(10), Q.Ms(30))).Param("v_rest", new NormalValue(Q.MV(-65), Q.MV(2))));
        var one = TestComponents.Compile(spec, threads: 1).Populations[0];
        var many = TestComponents.Compile(spec, threads: 7).Populations[0];
        Assert.Equal(one.PerNeuronParameters["tau_m"], many.PerNeuronParameters["tau_m"]);
        Assert.Equal(one.PerNeuronParameters["v_rest"], many.PerNeuronParameters["v_rest"]);
        Assert.Equal(one.InitialState[0], many.InitialState[0]);
    }

    [Fact]
    public void EachParameterHasItsOwnStream()
    {
        // Drawing another parameter as well must not shift the values of the first.
        var alone = Drawn(Population(p => p.Param("tau_m", new UniformValue(Q.Ms(10), Q.Ms(30))), size: 300), "tau_m");
        var withOther = Drawn(Population(p => p
            .Param("v_rest", new UniformValue(Q.MV(-70), Q.MV(-60)))
            .Param("tau_m", new UniformValue(Q.Ms(10), Q.Ms(30))), size: 300), "tau_m");
        Assert.Equal(alone, withOther);
    }

    [Fact]
    public void TwoParametersWithTheSameDistribution_GetDifferentValues()
    {
        var population = TestComponents.Compile(Population(p => p
            .Param("v_rest", new UniformValue(Q.MV(-80), Q.MV(-70)))
            .Param("v_reset", new UniformValue(Q.MV(-80), Q.MV(-70))), size: 300)).Populations[0];
        Assert.NotEqual(population.PerNeuronParameters["v_rest"], population.PerNeuronParameters["v_reset"]);
    }

    [Fact]
    public void TheSameDistributionInAnotherPopulation_GivesOtherValues()
    {
        var spec = new NetworkBuilder().Duration(Q.Ms(1))
            .Population("a", 200, "lif", p => p.Param("tau_m", new UniformValue(Q.Ms(10), Q.Ms(30))))
            .Population("b", 200, "lif", p => p.Param("tau_m", new UniformValue(Q.Ms(10), Q.Ms(30))))
            .Build();
        var network = TestComponents.Compile(spec);
        Assert.NotEqual(network.Populations[0].PerNeuronParameters["tau_m"], network.Populations[1].PerNeuronParameters["tau_m"]);
    }

    [Fact]
    public void UnsetState_StartsAtEachNeuronsOwnDefault()
    {
        // LIF starts at v_rest: with v_rest drawn per neuron, every neuron starts at its own resting potential.
        var population = TestComponents.Compile(Population(p => p
            .Param("v_rest", new UniformValue(Q.MV(-75), Q.MV(-60))).Param("v_reset", Q.MV(-80)), size: 1000)).Populations[0];
        var rest = population.PerNeuronParameters["v_rest"];
        for (var n = 0; n < rest.Length; n++) Assert.Equal((float)rest[n], population.InitialState[0][n]);
        Assert.True(population.InitialState[0].Distinct().Count() > 900);
        Assert.All(population.InitialState[1], x => Assert.Equal(0f, x));
    }

    [Fact]
    public void ExplicitInitialState_WinsOverThePerNeuronDefault()
    {
        var population = TestComponents.Compile(Population(p => p
            .Param("v_rest", new UniformValue(Q.MV(-75), Q.MV(-60))).Param("v_reset", Q.MV(-80)).Init("v", Q.MV(-55)), size: 100)).Populations[0];
        Assert.All(population.InitialState[0], x => Assert.Equal(-55f, x));
    }

    [Fact]
    public void ConstantParameters_DrawNothing()
    {
        var population = TestComponents.Compile(Population(p => p.Param("tau_m", Q.Ms(15)).Param("v_rest", "-70 mV"), size: 10)).Populations[0];
        Assert.Empty(population.PerNeuronParameters);
        Assert.Equal(15, population.Parameters["tau_m"], 12);
        Assert.All(population.InitialState[0], x => Assert.Equal(-70f, x));
    }
}
