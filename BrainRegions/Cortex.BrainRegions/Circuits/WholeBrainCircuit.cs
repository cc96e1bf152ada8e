using Cortex.BrainRegions.WholeBrain;
using Cortex.Circuits;
using Cortex.Models;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.BrainRegions.Circuits;

/// <summary>
/// A spiking whole-brain model over the bundled human 76-region connectome of The Virtual Brain (Sanz Leon et al. 2013;
/// CoCoMac weights, Kötter &amp; Wanke 2005), built by <see cref="WholeBrainNetwork"/>: per region a balanced LIF network
/// (CUBA-like, Vogels &amp; Abbott 2005) with Poisson background, regions coupled by excitatory projections whose
/// probability scales with the connectome weight and whose delay is tract length / conduction speed.
/// <para>
/// It reproduces no figure: it is the spiking counterpart of TVB's region-level models (TVB's Fig. 1 pipeline with a
/// neural-mass node replaced by 10³ spiking neurons), and departs from TVB by drawing synapses per neuron pair instead of
/// weighting one mean-field coupling term. Built (instance <c>brain</c>): <c>brain.exc</c> and <c>brain.inh</c>, region r
/// owning neurons [r·n_E, (r+1)·n_E) and [r·n_I, (r+1)·n_I). Ports: <c>in</c> and <c>out</c> are <c>brain.exc</c>.
/// </para>
/// </summary>
public sealed class WholeBrainCircuit : CircuitModel
{
    public override string Name => "whole_brain";

    public override string Description => "spiking whole-brain model: a balanced E/I LIF network per region of the human 76-region TVB connectome, coupled along its tracts";

    public override string Citation => "Sanz Leon et al. (2013) Front Neuroinform 7:10; Kötter & Wanke (2005) Phil Trans R Soc B 360:777–798; Vogels & Abbott (2005) J Neurosci 25:10786–10795";

    private static readonly WholeBrainOptions Defaults = new();

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("neurons_per_region", Dimension.Dimensionless, 100, ValueRule.Positive, "neurons per region (80 % excitatory)"),
        new("coupling", Dimension.Dimensionless, Defaults.Coupling, ValueRule.NonNegative, "long-range excitatory inputs per neuron, as a multiple of local excitatory inputs"),
        new("speed", Dimension.Dimensionless, Defaults.SpeedMmPerMs, ValueRule.Positive, "conduction speed in mm/ms (m/s): delay = tract length / speed"),
        new("local_p", Dimension.Dimensionless, Defaults.LocalProbability, ValueRule.Probability, "connection probability within a region"),
        new("background_rate", Dimension.Frequency, Defaults.BackgroundRateHz, ValueRule.NonNegative, "Poisson background rate per neuron"),
    ];

    public override IReadOnlyList<CircuitPort> Ports { get; } =
    [
        new("in", PortDirection.In, "drive to the excitatory neurons (region r: indices [r·n_E, (r+1)·n_E))"),
        new("out", PortDirection.Out, "spikes of the excitatory neurons, indexed like 'in'"),
    ];

    public override IEnumerable<ParameterProblem> Check(ParameterValues values)
    {
        var n = values["neurons_per_region"];
        if (n != Math.Floor(n) || n < 2 || n > 10_000)
            yield return new("neurons_per_region", $"must be a whole number between 2 and 10000, got {n}");
    }

    public override void Build(CircuitBuilder builder, ParameterValues parameters)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(parameters);
        var options = new WholeBrainOptions
        {
            NeuronsPerRegion = (int)parameters["neurons_per_region"], Coupling = parameters["coupling"], SpeedMmPerMs = parameters["speed"],
            LocalProbability = parameters["local_p"], BackgroundRateHz = parameters["background_rate"],
        };
        var network = WholeBrainNetwork.Build(ConnectomeCatalog.Load(ConnectomeCatalog.BundledName), options, recordSpikes: false);
        foreach (var p in network.Populations)
            builder.Population(p.Name, p.Size, p.Model, b =>
            {
                foreach (var (key, value) in p.Params) b.Param(key, value);
                foreach (var (key, value) in p.Initial) b.Init(key, value);
                if (p.Positions?.Points is { } points) b.PositionsAt(points);
            });
        foreach (var p in network.Projections)
            builder.Connect(p.Source, p.Target, p.Connector, p.Weight, p.Delay, p.Synapse, projectionName: p.Name);
        foreach (var s in network.Stimuli) builder.Stimulate(s);
        builder.Port("in", WholeBrainNetwork.Excitatory);
        builder.Port("out", WholeBrainNetwork.Excitatory);
    }
}
