using Cortex.Models;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.BrainRegions.Microcircuit;

/// <summary>
/// The numbers one microcircuit instance is built from, derived from its parameters as NEST's network.py derives them:
/// population sizes, synapse counts per pair, PSC amplitudes, background rates and the DC that compensates scaled
/// in-degrees. Public so benchmarks and tests can show what was built.
/// </summary>
public sealed class MicrocircuitPlan
{
    private const double Cm = 0.25, TauM = 10, TauSyn = 0.5;

    private MicrocircuitPlan() { }

    /// <summary>Neurons per population.</summary>
    public required int[] Sizes { get; init; }

    /// <summary>Synapses per pair [target, source]: round(K_full · scale · k_scale).</summary>
    public required long[,] Synapses { get; init; }

    /// <summary>Thalamic synapses per target population.</summary>
    public required long[] ThalamicSynapses { get; init; }

    /// <summary>The excitatory PSC amplitude (nA) for the PSP, as NEST converts it, before any correction or scaling.</summary>
    public required double NestPsc { get; init; }

    /// <summary>The factor every stored weight carries: charge correction × 1/√k_scale.</summary>
    public required double WeightFactor { get; init; }

    /// <summary>Weight of one background input spike (nA).</summary>
    public required double ExternalWeight { get; init; }

    /// <summary>Mean weight of thalamic synapses (nA).</summary>
    public required double ThalamicWeight { get; init; }

    /// <summary>Total background Poisson rate per neuron of each population (Hz): bg_rate · round(K_ext · k_scale).</summary>
    public required double[] BackgroundRate { get; init; }

    /// <summary>Constant current per population (nA): DC background and/or the compensation for scaled in-degrees.</summary>
    public required double[] Dc { get; init; }

    private double RelativeSd { get; init; }
    private double DelayExc { get; init; }
    private double DelayInh { get; init; }
    private double DelayRelativeSd { get; init; }
    private double Dt { get; init; }
    private bool OriginalV0 { get; init; }

    /// <summary>Derives the plan from a microcircuit's parameter values for simulation step <paramref name="dt"/> (ms).</summary>
    public static MicrocircuitPlan From(ParameterValues p, double dt)
    {
        ArgumentNullException.ThrowIfNull(p);
        var (scale, kScale) = (p["scale"], p["k_scale"]);
        var n = MicrocircuitData.FullSize.Count;
        var psc = p["psp"] * MicrocircuitData.CurrentPerPsp(Cm, TauM, TauSyn);
        // A PSC entering whole in its arrival step and held per step carries w·dt/(1−e^(−dt/τ)) instead of w·τ.
        var charge = p["psc_correction"] == 0 ? TauSyn * (1 - Math.Exp(-dt / TauSyn)) / dt : 1;
        var factor = charge / Math.Sqrt(kScale);
        var poisson = p["background"] == 0;
        var bg = p["bg_rate"];

        var synapses = new long[n, n];
        var dc = new double[n];
        var rates = new double[n];
        for (var t = 0; t < n; t++)
        {
            var recurrent = 0.0;
            for (var s = 0; s < n; s++)
            {
                var full = MicrocircuitData.SynapseCount(MicrocircuitData.ConnectionProbability[t, s], MicrocircuitData.FullSize[s], MicrocircuitData.FullSize[t]);
                synapses[t, s] = (long)Math.Round(full * scale * kScale);
                recurrent += MeanPsc(psc, p["g"], t, s) * full / MicrocircuitData.FullSize[t] * MicrocircuitData.ReferenceRate[s];
            }
            var external = psc * MicrocircuitData.ExternalInDegree[t] * bg;
            rates[t] = poisson ? bg * Math.Round(MicrocircuitData.ExternalInDegree[t] * kScale) : 0;
            // Mean current of a rate-r train of PSCs w·e^(−t/τ): r·w·τ (ms·Hz → ×0.001).
            if (!poisson) dc[t] = 0.001 * TauSyn * external;
            if (kScale < 1) dc[t] += 0.001 * TauSyn * (1 - Math.Sqrt(kScale)) * (recurrent + (poisson ? external : 0));
        }
        var thalamic = new long[n];
        for (var t = 0; t < n; t++)
            thalamic[t] = (long)Math.Round(MicrocircuitData.SynapseCount(MicrocircuitData.ThalamicProbability[t], MicrocircuitData.ThalamicSize, MicrocircuitData.FullSize[t]) * scale * kScale);

        return new MicrocircuitPlan
        {
            Sizes = [.. MicrocircuitData.FullSize.Select(size => (int)Math.Round(size * scale))],
            Synapses = synapses, ThalamicSynapses = thalamic, NestPsc = psc, WeightFactor = factor,
            ExternalWeight = psc * factor, ThalamicWeight = psc * factor, BackgroundRate = rates, Dc = dc,
            RelativeSd = p["psp_rel_sd"], DelayExc = p["delay_exc"], DelayInh = p["delay_inh"], DelayRelativeSd = p["delay_rel_sd"],
            Dt = dt, OriginalV0 = p["v0"] == 1, G = p["g"],
        };
    }

    /// <summary>Mean stored weight (nA) from population <paramref name="source"/> to <paramref name="target"/>.</summary>
    public double MeanWeight(int target, int source) => MeanPsc(NestPsc, G, target, source) * WeightFactor;

    private double G { get; init; }

    // NEST's PSC matrix: excitatory sources psc, inhibitory g·psc, L4e → L2/3e doubled.
    private static double MeanPsc(double psc, double g, int target, int source) =>
        (MicrocircuitData.IsExcitatory(source) ? psc : g * psc) * (target == 0 && source == 2 ? 2 : 1);

    /// <summary>A normal weight around <paramref name="mean"/>, relative sd, redrawn to keep its sign (NEST's redraw).</summary>
    public ValueSpec Weight(double mean) => mean >= 0
        ? new NormalValue(Q.NA(mean), Q.NA(mean * RelativeSd), Min: Q.NA(0))
        : new NormalValue(Q.NA(mean), Q.NA(-mean * RelativeSd), Max: Q.NA(0));

    /// <summary>A normal delay, redrawn below one step (NEST's redraw with min = resolution).</summary>
    public ValueSpec Delay(bool excitatory)
    {
        var mean = excitatory ? DelayExc : DelayInh;
        return new NormalValue(Q.Ms(mean), Q.Ms(mean * DelayRelativeSd), Min: Q.Ms(Dt));
    }

    /// <summary>The initial membrane potential distribution of a population.</summary>
    public ValueSpec InitialPotential(int population) => OriginalV0
        ? new NormalValue(Q.MV(-58), Q.MV(10))
        : new NormalValue(Q.MV(MicrocircuitData.V0Mean[population]), Q.MV(MicrocircuitData.V0Std[population]));
}
