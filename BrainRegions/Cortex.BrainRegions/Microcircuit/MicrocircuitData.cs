namespace Cortex.BrainRegions.Microcircuit;

/// <summary>
/// The published numbers of the Potjans &amp; Diesmann (2014) microcircuit (Cerebral Cortex 24:785–806, Table 5 and
/// Fig. 6), as used by NEST's <c>examples/Potjans_2014</c> (network_params.py, stimulus_params.py). Populations are
/// in the order L2/3e, L2/3i, L4e, L4i, L5e, L5i, L6e, L6i; matrices are [target, source].
/// </summary>
public static class MicrocircuitData
{
    /// <summary>Population names as reports show them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["L2/3e", "L2/3i", "L4e", "L4i", "L5e", "L5i", "L6e", "L6i"];

    /// <summary>Local population names inside the circuit (identifiers).</summary>
    public static IReadOnlyList<string> LocalNames { get; } = ["l23e", "l23i", "l4e", "l4i", "l5e", "l5i", "l6e", "l6i"];

    /// <summary>Neurons per population at full scale (77,169 in all).</summary>
    public static IReadOnlyList<int> FullSize { get; } = [20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948];

    /// <summary>Connection probabilities C[target, source] (Table 5 of the paper).</summary>
    public static double[,] ConnectionProbability { get; } =
    {
        { 0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0.0, 0.0076, 0.0 },
        { 0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0.0, 0.0042, 0.0 },
        { 0.0077, 0.0059, 0.0497, 0.135, 0.0067, 0.0003, 0.0453, 0.0 },
        { 0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0.0, 0.1057, 0.0 },
        { 0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.0 },
        { 0.0548, 0.0269, 0.0257, 0.0022, 0.06, 0.3158, 0.0086, 0.0 },
        { 0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252 },
        { 0.0364, 0.001, 0.0034, 0.0005, 0.0277, 0.008, 0.0658, 0.1443 },
    };

    /// <summary>External (background) in-degree per population.</summary>
    public static IReadOnlyList<int> ExternalInDegree { get; } = [1600, 1500, 2100, 1900, 2000, 1900, 2900, 2100];

    /// <summary>
    /// Mean rates (spikes/s) of the full-scale model with Poisson background in NEST 3 (network_params.py,
    /// <c>full_mean_rates</c>: "obtained by running this PyNEST microcircuit with 12 MPI processes and both N_scaling and
    /// K_scaling set to 1", optimized initial potentials). They are the reference for benchmarks and the mean rates the
    /// DC compensation of scaled in-degrees assumes. Fig. 6 of the paper shows the same pattern (L2/3e ≈ 1, L5e ≈ 8 Hz).
    /// </summary>
    public static IReadOnlyList<double> ReferenceRate { get; } = [0.943, 3.026, 4.368, 5.882, 7.733, 8.664, 1.096, 7.851];

    /// <summary>Population-specific initial potentials, mean (mV), NEST's 'optimized' V0 (smaller start-up transient).</summary>
    public static IReadOnlyList<double> V0Mean { get; } = [-68.28, -63.16, -63.33, -63.45, -63.11, -61.66, -66.72, -61.43];

    /// <summary>Population-specific initial potentials, standard deviation (mV).</summary>
    public static IReadOnlyList<double> V0Std { get; } = [5.36, 4.57, 4.74, 4.94, 4.94, 4.55, 5.46, 4.48];

    /// <summary>Thalamic neurons (not scaled with the network, as in NEST).</summary>
    public const int ThalamicSize = 902;

    /// <summary>Connection probabilities from the thalamus to each population.</summary>
    public static IReadOnlyList<double> ThalamicProbability { get; } = [0.0, 0.0, 0.0983, 0.0619, 0.0, 0.0, 0.0512, 0.0196];

    /// <summary>True for the excitatory populations (even indices).</summary>
    public static bool IsExcitatory(int population) => population % 2 == 0;

    /// <summary>
    /// Synapses between two populations for connection probability <paramref name="c"/> when pairs are drawn with
    /// replacement: K = ln(1 − C) / ln(1 − 1/(N_pre·N_post)) (Potjans &amp; Diesmann 2014, eq. 1).
    /// </summary>
    public static double SynapseCount(double c, double sources, double targets) =>
        c <= 0 ? 0 : Math.Log(1 - c) / Math.Log(1 - 1 / (sources * targets));

    /// <summary>
    /// The peak current (per mV of PSP peak) of an exponential current into an iaf_psc_exp membrane: the PSP of a current
    /// w·exp(−t/τ_s) peaks at w·(τ_m τ_s / C)/(τ_s − τ_m)·(f^τ_m − f^τ_s) with f = (τ_m/τ_s)^(1/(τ_s − τ_m)), as NEST's
    /// helpers.postsynaptic_potential_to_current. Units: τ in ms, C in nF, result in nA/mV.
    /// </summary>
    public static double CurrentPerPsp(double cm, double tauM, double tauSyn)
    {
        var sub = 1 / (tauSyn - tauM);
        var pre = tauM * tauSyn / cm * sub;
        var frac = Math.Pow(tauM / tauSyn, sub);
        return 1 / (pre * (Math.Pow(frac, tauM) - Math.Pow(frac, tauSyn)));
    }
}
