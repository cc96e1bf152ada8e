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

    private static PairView Prepare(params (string Name, double Value)[] overrides) => new(Rule.Prepare(Values(overrides), Dt));

    /// <summary>The rule's hooks seen as pair updates: a weight and the other side's trace in, the new weight out.</summary>
    private sealed class PairView(Stdp.Params p)
    {
        public float PreTraceDecay => p.PreDecay.PerStep;

        public float PostTraceDecay => p.PostDecay.PerStep;

        public float OnPostSpike(float weight, float preTrace)
        {
            var synapse = new Stdp.Synapse { Trace = new LazyTrace { Value = preTrace, Step = 7 } };
            var pre = default(NoState);
            var post = default(Stdp.Post);
            default(Stdp.Rule).OnPostSpike(ref synapse, ref weight, ref pre, ref post, in p, new RuleContext(7, (float)Dt, 0, 0, 0, default));
            return weight;
        }

        public float OnPreSpike(float weight, float postTrace)
        {
            var synapse = default(Stdp.Synapse);
            var pre = default(NoState);
            var post = new Stdp.Post { Trace = new LazyTrace { Value = postTrace, Step = 7 } };
            var delivered = default(Stdp.Rule).OnPreArrival(ref synapse, ref weight, ref pre, ref post, in p, new RuleContext(7, (float)Dt, 0, 0, 0, default));
            Assert.Equal(weight, delivered);
            return weight;
        }
    }

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

    [Fact]
    public void Check_rejects_non_binary_switches_and_mu_outside_soft_bounds()
    {
        Assert.Empty(Rule.Check(Values(("nearest_spike", 1.0), ("soft_bounds", 1.0), ("mu", 0.3))));
        Assert.Contains(Rule.Check(Values(("nearest_spike", 0.5))), p => p.Parameter == "nearest_spike");
        Assert.Contains(Rule.Check(Values(("soft_bounds", 0.5))), p => p.Parameter == "soft_bounds");
        // Soft bounds bring their own weight dependence; mu = 0 would be additive without any bound.
        Assert.Contains(Rule.Check(Values(("soft_bounds", 1.0), ("multiplicative", 1.0))), p => p.Parameter == "multiplicative");
        Assert.Contains(Rule.Check(Values(("soft_bounds", 1.0), ("mu", 0.0))), p => p.Parameter == "mu");
        // mu acts only with soft bounds.
        Assert.Contains(Rule.Check(Values(("mu", 0.5))), p => p.Parameter == "mu");
    }

    /// <summary>The defaults (all-to-all, additive, hard bounds) are the rule as it was: the float expressions of before, bit for bit.</summary>
    [Fact]
    public void Default_switches_keep_the_original_float_arithmetic()
    {
        var rule = Prepare();
        foreach (var w in new[] { 0f, 0.1234567f, 0.5f, 0.987654f, 1f })
            foreach (var trace in new[] { 0f, 0.3f, 1f, 2.7182817f, 40f })
            {
                Assert.Equal(Math.Clamp(w + 0.01f * 1f * trace, 0f, 1f), rule.OnPostSpike(w, trace));
                Assert.Equal(Math.Clamp(w - 0.012f * 1f * trace, 0f, 1f), rule.OnPreSpike(w, trace));
            }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void All_to_all_traces_add_one_per_spike_and_nearest_spike_traces_reset_to_one(double nearest)
    {
        var p = Rule.Prepare(Values(("nearest_spike", nearest)), Dt);
        var context = new RuleContext(17, (float)Dt, 0, 0, 0, default);
        // A presynaptic trace of 0.7 left at step 7 and a postsynaptic trace of 0.4.
        var synapse = new Stdp.Synapse { Trace = new LazyTrace { Value = 0.7f, Step = 7 } };
        var post = new Stdp.Post { Trace = new LazyTrace { Value = 0.4f, Step = 17 } };
        var pre = default(NoState);
        var w = 0.5f;

        default(Stdp.Rule).OnPreArrival(ref synapse, ref w, ref pre, ref post, in p, context);
        default(Stdp.Rule).OnPostNeuronSpike(ref post, in p, context);

        var decayed = 0.7 * Math.Exp(-10 * Dt / 20);
        Assert.Equal(nearest == 1 ? 1 : 1 + decayed, synapse.Trace.At(17, p.PreDecay), 1e-6);
        Assert.Equal(nearest == 1 ? 1 : 1.4, post.Trace.At(17, p.PostDecay), 1e-6);
        // The depression of that arrival read the postsynaptic trace before the reset: −a_minus·w_max·0.4.
        Assert.Equal(0.5 - 0.012 * 0.4, w, 1e-6);
    }

    [Fact]
    public void Soft_bounds_with_mu_1_move_a_fraction_of_the_distance_to_the_bound_and_are_not_clipped()
    {
        var rule = Prepare(("soft_bounds", 1.0), ("a_plus", 0.5), ("a_minus", 0.25), ("w_min", 0.2), ("w_max", 1.0));

        // Δw+ = a_plus·(w_max − w)·x, Δw− = −a_minus·(w − w_min)·y.
        Assert.Equal(0.6 + 0.5 * 0.4 * 0.5, rule.OnPostSpike(0.6f, 0.5f), 1e-6);
        Assert.Equal(0.6 - 0.25 * 0.4 * 0.5, rule.OnPreSpike(0.6f, 0.5f), 1e-6);
        // A step larger than the distance (a_plus·x = 1.5) crosses w_max: not clipped…
        var crossed = rule.OnPostSpike(0.6f, 3f);
        Assert.Equal(0.6 + 0.5 * 0.4 * 3, crossed, 1e-6);
        // …and beyond the bound potentiation stops while depression still acts.
        Assert.Equal(crossed, rule.OnPostSpike(crossed, 1f));
        Assert.Equal(crossed - 0.25 * (crossed - 0.2) * 1, rule.OnPreSpike(crossed, 1f), 1e-6);
    }

    [Fact]
    public void Soft_bounds_follow_gutig_weight_dependence_with_exponent_mu()
    {
        const double mu = 0.5, wMin = 0.5, wMax = 4.5, a = 0.1;
        var rule = Prepare(("soft_bounds", 1.0), ("mu", mu), ("a_plus", a), ("a_minus", a), ("w_min", wMin), ("w_max", wMax));
        // f(d) = R^(1−μ)·d^μ with R = w_max − w_min = 4.
        static double F(double distance) => Math.Pow(wMax - wMin, 1 - mu) * Math.Pow(distance, mu);
        foreach (var w in new[] { 0.75, 1.5, 2.5, 3.5, 4.4 })
        {
            Assert.Equal(w + a * F(wMax - w) * 0.8, rule.OnPostSpike((float)w, 0.8f), 1e-5);
            Assert.Equal(w - a * F(w - wMin) * 0.8, rule.OnPreSpike((float)w, 0.8f), 1e-5);
        }
    }
}
