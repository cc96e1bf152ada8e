using Cortex.Cognition.Decision;
using Cortex.Randomness;
using Cortex.Tasks;

namespace Cortex.Cognition.Tests;

/// <summary>The structure of Wang's (2002) network and the pooled NMDA gating it relies on.</summary>
public sealed class DecisionNetworkTests
{
    [Fact]
    public void WMinus_KeepsTheTotalInputOfASelectiveCellUnchanged()
    {
        // A selective cell gets w+ from its own pool (f), w− from the other (f) and from the non-selective cells (1 − 2f):
        // Wang chose w− so that this sums to the unstructured total 1.
        const double f = 0.15, wPlus = 1.7;
        var wMinus = WangNetwork.WMinus(f, wPlus);
        Assert.Equal(1 - 0.15 * 0.7 / 0.85, wMinus, 12);
        Assert.Equal(1, f * wPlus + f * wMinus + (1 - 2 * f) * wMinus, 12);
    }

    [Fact]
    public void Sizes_FollowWangsProportions()
    {
        var sizes = WangNetwork.Sizes.Of(2000, 0.15);
        Assert.Equal((240, 1120, 400), (sizes.Pool, sizes.NonSelective, sizes.Inhibitory));
        Assert.Equal(1600, sizes.Excitatory);
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(10.0)]
    [InlineData(40.0)]
    public void PooledNmdaGating_HasThePerSynapseMean(double rateHz)
    {
        // Wang's per-synapse gating, integrated here by forward Euler at 0.01 ms for a Poisson train:
        // dx/dt = −x/τ_rise + Σδ, ds/dt = −s/τ_decay + α·x·(1 − s).
        const double dt = 0.01, seconds = 400;
        var random = SeededRandom.Create(5, (StreamDomain)1, 0, 0);
        double x = 0, s = 0, sum = 0;
        var steps = (long)(seconds * 1000 / dt);
        var p = rateHz * dt * 1e-3;
        for (long i = 0; i < steps; i++)
        {
            if (random.NextDouble() < p) x += 1;
            s += dt * (-s / WangNetwork.NmdaDecay + WangNetwork.NmdaAlpha * x * (1 - s));
            x -= dt * x / WangNetwork.NmdaRise;
            sum += s;
        }
        var perSynapse = sum / steps;
        // The pooled receptor driven by the mean x = ν·τ_rise settles at α_eff·x/(1/τ_decay + α_eff·x).
        var drive = WangNetwork.PooledNmdaAlpha * rateHz * 1e-3 * WangNetwork.NmdaRise;
        var pooled = drive / (1 / WangNetwork.NmdaDecay + drive);
        Assert.InRange(pooled, perSynapse * 0.95, perSynapse * 1.05);
    }

    [Fact]
    public void TheSpec_HasFourPopulationsAndANmdaPortPerSourcePool()
    {
        var settings = DecisionSettings.From(Runtime.Registry.Tasks["decision"].ResolveParameters(new Dictionary<string, string>()));
        var spec = WangNetwork.BuildSpec(settings with { Neurons = 100 }, 1);
        Assert.Equal(["A", "B", "N", "I"], spec.Populations.Select(p => p.Name));
        // 3 pyramidal sources × (AMPA + NMDA) + GABA, onto each of the 4 targets.
        Assert.Equal(28, spec.Projections.Count);
        Assert.Equal(3, spec.Projections.Where(p => p.Target == "A" && p.Synapse.Model == "nmda").Select(p => p.Synapse.Port).Distinct().Count());
    }
}
