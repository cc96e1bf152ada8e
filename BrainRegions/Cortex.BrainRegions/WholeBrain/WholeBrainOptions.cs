namespace Cortex.BrainRegions.WholeBrain;

/// <summary>
/// Parameters of the spiking whole-brain model built by <see cref="WholeBrainNetwork"/>. The defaults give each region a
/// 1,000-neuron balanced network in the style of Brunel (2000, J Comput Neurosci 8:183–208) with the connection
/// density and current-based synapses of the CUBA benchmark (Vogels &amp; Abbott 2005; Brette et al. 2007):
/// 80 excitatory and 20 inhibitory local inputs per neuron, driven by Poisson background.
/// </summary>
public sealed record WholeBrainOptions
{
    /// <summary>Neurons per region, excitatory and inhibitory together.</summary>
    public int NeuronsPerRegion { get; init; } = 1000;

    /// <summary>Fraction of each region's neurons that are excitatory (rounded per region).</summary>
    public double ExcitatoryFraction { get; init; } = 0.8;

    /// <summary>Probability of a synapse between two neurons of the same region (all four E/I pairings).</summary>
    public double LocalProbability { get; init; } = 0.1;

    /// <summary>
    /// Global coupling G: the mean number of long-range excitatory inputs per neuron, as a multiple of its local excitatory
    /// inputs. The connection probability from region j into region i is min(1, G · p_local · W[i,j] / S̄), S̄ being the
    /// mean over regions of the off-diagonal in-strength Σ_j W[i,j], so G means the same on every data set.
    /// </summary>
    public double Coupling { get; init; } = 1.5;

    /// <summary>Axonal conduction speed in mm/ms (m/s); inter-region delay = tract length / speed. TVB's default is 3.</summary>
    public double SpeedMmPerMs { get; init; } = 3;

    /// <summary>Delay of synapses within a region, ms.</summary>
    public double LocalDelayMs { get; init; } = 1;

    /// <summary>Excitatory synaptic current amplitude, pA (exponential current, τ = <see cref="TauExcitatoryMs"/>).</summary>
    public double ExcitatoryWeightPa { get; init; } = 20;

    /// <summary>Relative inhibition g: inhibitory amplitude = −g · excitatory amplitude.</summary>
    public double InhibitionRatio { get; init; } = 7;

    /// <summary>Decay time of excitatory synaptic currents, ms.</summary>
    public double TauExcitatoryMs { get; init; } = 5;

    /// <summary>Decay time of inhibitory synaptic currents, ms.</summary>
    public double TauInhibitoryMs { get; init; } = 10;

    /// <summary>Rate of the Poisson background train each neuron receives (independent per neuron), Hz.</summary>
    public double BackgroundRateHz { get; init; } = 1000;

    /// <summary>Amplitude of each background spike's current, pA (excitatory receptor).</summary>
    public double BackgroundWeightPa { get; init; } = 20;

    /// <summary>Half-width of the cube around the region centre in which each neuron is placed, µm.</summary>
    public double PositionJitterUm { get; init; } = 1000;

    /// <summary>Integration step, ms. 0.5 ms keeps the delay rings of a 10⁶-neuron, 63 ms-delay network near 1 GB (see notes).</summary>
    public double DtMs { get; init; } = 0.5;

    /// <summary>Simulated time, ms.</summary>
    public double DurationMs { get; init; } = 1000;

    /// <summary>Seed of every random draw (connectivity, positions, initial state, background).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Excitatory neurons per region.</summary>
    public int ExcitatoryPerRegion => (int)Math.Round(NeuronsPerRegion * ExcitatoryFraction);

    /// <summary>Inhibitory neurons per region.</summary>
    public int InhibitoryPerRegion => NeuronsPerRegion - ExcitatoryPerRegion;

    /// <summary>Problems with the options, each naming the option; empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (NeuronsPerRegion < 2) yield return $"neurons per region must be at least 2, got {NeuronsPerRegion}";
        if (!(ExcitatoryFraction > 0 && ExcitatoryFraction < 1)) yield return $"the excitatory fraction must be between 0 and 1, got {ExcitatoryFraction}";
        else if (NeuronsPerRegion >= 2 && (ExcitatoryPerRegion < 1 || InhibitoryPerRegion < 1))
            yield return $"{NeuronsPerRegion} neurons per region leave no room for both an excitatory and an inhibitory neuron";
        if (!(LocalProbability >= 0 && LocalProbability <= 1)) yield return $"the local probability must be between 0 and 1, got {LocalProbability}";
        if (!(Coupling >= 0) || !double.IsFinite(Coupling)) yield return $"the coupling must be >= 0, got {Coupling}";
        if (!(SpeedMmPerMs > 0) || !double.IsFinite(SpeedMmPerMs)) yield return $"the conduction speed must be > 0 mm/ms, got {SpeedMmPerMs}";
        if (!(DtMs > 0)) yield return $"dt must be > 0 ms, got {DtMs}";
        if (!(DurationMs > 0)) yield return $"the duration must be > 0 ms, got {DurationMs}";
        if (!(LocalDelayMs >= DtMs)) yield return $"the local delay must be at least one step ({DtMs} ms), got {LocalDelayMs}";
        if (!(PositionJitterUm >= 0)) yield return $"the position jitter must be >= 0 µm, got {PositionJitterUm}";
    }
}
