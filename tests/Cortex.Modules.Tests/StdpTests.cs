using Cortex.Models;
using Cortex.Modules.Plasticity;
using Xunit;

namespace Cortex.Modules.Tests;

/// <summary>
/// Pair-based STDP (Song, Miller &amp; Abbott 2000; multiplicative: van Rossum et al. 2000): a pairing at
/// Δt = t_post − t_pre changes the weight by a_plus·w_max·e^{−Δt/τ+} when Δt &gt; 0 and by
/// −a_minus·w_max·e^{Δt/τ−} when Δt &lt; 0. Traces are evolved here as the backend does: a jump of 1 on a
/// spike, then the prepared per-step decay factor.
/// </summary>
public class StdpTests
{
    private const double Dt = 0.1;

    private static readonly Stdp Rule = new();

    private static ParameterValues Values(params (string Name, double Value)[] overrides) =>
        new(Rule.Parameters, overrides.ToDictionary(o => o.Name, o => o.Value));

    private static PairPlasticity Prepare(params (string Name, double Value)[] overrides) => Rule.Prepare(Values(overrides), Dt);

    /// <summary>The trace Δt ms after a single spike.</summary>
    private static float Trace(float decay, double delay)
    {
        var trace = 1f;
        for (var step = 0; step < (int)Math.Round(delay / Dt); step++) trace *= decay;
        return trace;
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(10.0)]
    [InlineData(40.0)]
    public void Pre_then_post_potentiates_by_a_plus_exp_minus_dt_over_tau_plus(double delay)
    {
        var rule = Prepare();
        const float w = 0.5f;

        var updated = rule.OnPostSpike(w, Trace(rule.PreTraceDecay, delay));

        Assert.True(updated > w);
        Assert.Equal(0.01 * 1 * Math.Exp(-delay / 20), updated - w, 1e-6);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(10.0)]
    [InlineData(40.0)]
    public void Post_then_pre_depresses_by_a_minus_exp_minus_dt_over_tau_minus(double delay)
    {
        var rule = Prepare(("tau_minus", 34.0));
        const float w = 0.5f;

        var updated = rule.OnPreSpike(w, Trace(rule.PostTraceDecay, delay));

        Assert.True(updated < w);
        Assert.Equal(-0.012 * 1 * Math.Exp(-delay / 34), updated - w, 1e-6);
    }

    [Fact]
    public void Trace_decay_factors_are_exp_minus_dt_over_tau()
    {
        var rule = Prepare(("tau_plus", 16.8), ("tau_minus", 33.7));
        Assert.Equal(Math.Exp(-Dt / 16.8), rule.PreTraceDecay, 1e-7);
        Assert.Equal(Math.Exp(-Dt / 33.7), rule.PostTraceDecay, 1e-7);
    }

    [Fact]
    public void Additive_updates_scale_with_w_max_and_not_with_w()
    {
        var rule = Prepare(("w_max", 4.0), ("a_plus", 0.05), ("a_minus", 0.05));
        const float x = 0.6f;

        Assert.Equal(0.05 * 4 * x, rule.OnPostSpike(1f, x) - 1f, 1e-6);
        Assert.Equal(0.05 * 4 * x, rule.OnPostSpike(3f, x) - 3f, 1e-6);
        Assert.Equal(-0.05 * 4 * x, rule.OnPreSpike(1f, x) - 1f, 1e-6);
        Assert.Equal(-0.05 * 4 * x, rule.OnPreSpike(3f, x) - 3f, 1e-6);
    }

    [Fact]
    public void Multiplicative_updates_scale_with_the_distance_to_the_bounds()
    {
        var rule = Prepare(("multiplicative", 1.0), ("w_min", 0.5), ("w_max", 4.0), ("a_plus", 0.05), ("a_minus", 0.1));
        const float x = 0.6f;

        // Δw+ = a_plus·(w_max − w)·x, Δw− = −a_minus·(w − w_min)·y
        Assert.Equal(0.05 * (4 - 1) * x, rule.OnPostSpike(1f, x) - 1f, 1e-6);
        Assert.Equal(0.05 * (4 - 3) * x, rule.OnPostSpike(3f, x) - 3f, 1e-6);
        Assert.Equal(-0.1 * (1 - 0.5) * x, rule.OnPreSpike(1f, x) - 1f, 1e-6);
        Assert.Equal(-0.1 * (3 - 0.5) * x, rule.OnPreSpike(3f, x) - 3f, 1e-6);
        // At the bounds the weight-dependent updates vanish.
        Assert.Equal(4f, rule.OnPostSpike(4f, 1f));
        Assert.Equal(0.5f, rule.OnPreSpike(0.5f, 1f));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Weights_stay_within_the_bounds(double multiplicative)
    {
        var rule = Prepare(("multiplicative", multiplicative), ("w_min", 0.2), ("w_max", 1.0), ("a_plus", 2.0), ("a_minus", 2.0));

        Assert.Equal(1f, rule.OnPostSpike(0.9f, 5f));
        Assert.Equal(0.2f, rule.OnPreSpike(0.3f, 5f));
        var w = 0.6f;
        for (var i = 0; i < 100; i++)
        {
            w = i % 3 == 0 ? rule.OnPreSpike(w, 3f) : rule.OnPostSpike(w, 3f);
            Assert.InRange(w, 0.2f, 1f);
        }
    }

    [Fact]
    public void Check_rejects_w_min_above_w_max_and_non_binary_mode()
    {
        Assert.Empty(Rule.Check(Values()));
        Assert.Empty(Rule.Check(Values(("w_min", 1.0), ("w_max", 1.0))));
        Assert.Contains(Rule.Check(Values(("w_min", 2.0), ("w_max", 1.0))), p => p.Parameter == "w_min");
        Assert.Contains(Rule.Check(Values(("multiplicative", 0.5))), p => p.Parameter == "multiplicative");
    }
}
