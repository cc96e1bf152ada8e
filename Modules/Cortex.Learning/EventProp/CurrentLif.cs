namespace Cortex.Learning.EventProp;

/// <summary>
/// The current-based LIF neuron of Wunderlich &amp; Pehle (2021, eq. 1): τ_mem dV/dt = −V + I, τ_syn dI/dt = −I;
/// an input spike through weight w adds w to I; V reaching the threshold ϑ emits a spike and resets V to 0.
/// Between events both the state and the adjoint are sums of two exponentials, so this type advances them in
/// closed form and finds threshold crossings by a safeguarded Newton search, all in float64.
/// </summary>
/// <param name="TauMem">Membrane time constant τ_mem (ms).</param>
/// <param name="TauSyn">Synaptic time constant τ_syn (ms), different from τ_mem (the closed form divides by their difference).</param>
/// <param name="Threshold">Firing threshold ϑ (the reset value is 0).</param>
public sealed record CurrentLif(double TauMem, double TauSyn, double Threshold)
{
    // The particular solution of V driven by I₀e^{−s/τ_syn} is c·e^{−s/τ_syn} with c = I₀·τ_syn/(τ_syn − τ_mem).
    private double DriveFactor => TauSyn / (TauSyn - TauMem);

    /// <summary>The membrane potential <paramref name="s"/> ms after a point with potential v and current i.</summary>
    public double Voltage(double v, double i, double s)
    {
        var c = i * DriveFactor;
        return ((v - c) * Math.Exp(-s / TauMem)) + (c * Math.Exp(-s / TauSyn));
    }

    /// <summary>
    /// ∫₀^span V(s) ds of the potential a unit current step at s = 0 causes (V₀ = 0, no threshold):
    /// τ_syn/(τ_mem − τ_syn)·[τ_mem(1 − e^{−span/τ_mem}) − τ_syn(1 − e^{−span/τ_syn})].
    /// </summary>
    public double PotentialIntegral(double span) =>
        TauSyn / (TauMem - TauSyn) * ((TauMem * (1 - Math.Exp(-span / TauMem))) - (TauSyn * (1 - Math.Exp(-span / TauSyn))));

    /// <summary>dV/dt at a point with potential v and current i.</summary>
    public double Slope(double v, double i) => (i - v) / TauMem;

    /// <summary>Advances (v, i) by <paramref name="s"/> ms without input.</summary>
    public void Advance(ref double v, ref double i, double s)
    {
        v = Voltage(v, i, s);
        i *= Math.Exp(-s / TauSyn);
    }

    /// <summary>
    /// The first time in (0, <paramref name="span"/>] at which V, starting at (v, i), reaches the threshold, or
    /// NaN when it stays below. V is a sum of two exponentials, so it has at most one stationary point; the
    /// interval splits there into monotone pieces, and the first piece that rises through ϑ holds the crossing.
    /// </summary>
    public double FirstCrossing(double v, double i, double span)
    {
        if (!(span > 0)) return double.NaN;
        var c = i * DriveFactor;
        var a = v - c;
        Span<double> points = [0, span, span];
        var count = 2;
        // V'(s) = 0 where (a/τ_mem)e^{−s/τ_mem} = −(c/τ_syn)e^{−s/τ_syn}.
        if (a != 0 && c != 0)
        {
            var ratio = -c * TauMem / (a * TauSyn);
            if (ratio > 0)
            {
                var stationary = Math.Log(ratio) / ((1 / TauSyn) - (1 / TauMem));
                if (stationary > 0 && stationary < span)
                {
                    points[1] = stationary;
                    count = 3;
                }
            }
        }
        for (var k = 0; k + 1 < count; k++)
        {
            var lo = points[k];
            var hi = points[k + 1];
            if (Voltage(v, i, lo) < Threshold && Voltage(v, i, hi) >= Threshold) return Root(v, i, lo, hi);
        }
        return double.NaN;
    }

    // V rises monotonically through ϑ on [lo, hi]: Newton steps, falling back to bisection whenever a step leaves the bracket.
    private double Root(double v, double i, double lo, double hi)
    {
        var s = 0.5 * (lo + hi);
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var value = Voltage(v, i, s) - Threshold;
            if (value < 0) lo = s;
            else hi = s;
            var slope = Slope(Voltage(v, i, s), i * Math.Exp(-s / TauSyn));
            var next = slope > 0 ? s - (value / slope) : double.NaN;
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            if (Math.Abs(next - s) <= 1e-15 * Math.Max(1, Math.Abs(s)) || hi - lo <= 1e-15 * Math.Max(1, hi)) return next;
            s = next;
        }
        return s;
    }

    /// <summary>
    /// Carries the adjoint (λ_V, λ_I) = (∂L/∂V, ∂L/∂I) back by <paramref name="s"/> ms through a stretch without events:
    /// in reverse time λ_V decays with τ_mem and drives λ_I, which decays with τ_syn.
    /// </summary>
    public void AdvanceAdjointBack(ref double lambdaV, ref double lambdaI, double s)
    {
        var decayMem = Math.Exp(-s / TauMem);
        var c = TauSyn * lambdaV / (TauMem - TauSyn);
        lambdaI = ((lambdaI - c) * Math.Exp(-s / TauSyn)) + (c * decayMem);
        lambdaV *= decayMem;
    }
}
