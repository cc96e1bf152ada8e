using Cortex.Randomness;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.BrainRegions.WholeBrain;

/// <summary>
/// Builds a spiking network from a <see cref="Connectome"/>: every region gets an excitatory and an inhibitory block of
/// LIF neurons, all regions' blocks sharing two populations, <c>exc</c> and <c>inh</c> (region r owns neurons
/// [r·n, (r+1)·n) of each). All synapses, local and long-range, are drawn by the kernel's <see cref="BlockConnector"/>, so
/// a 998-region connectome with 10⁵ edges stays four projections instead of 10⁵ (each with its own row-start array).
/// <list type="bullet">
/// <item>Local: E→E, E→I, I→E, I→I within each region with probability p_local and delay <see cref="WholeBrainOptions.LocalDelayMs"/>.</item>
/// <item>Long-range: excitatory neurons of region j reach both populations of region i with probability
/// min(1, G · p_local · W[i,j] / S̄) (see <see cref="WholeBrainOptions.Coupling"/>) and delay tract length[i,j] / speed
/// (at least one step); the diagonal of W is ignored, as TVB simulations usually do.</item>
/// <item>Positions: region centre (mm → µm) plus a uniform jitter in a cube, seeded.</item>
/// <item>Background: an independent Poisson train per neuron.</item>
/// </list>
/// </summary>
public static class WholeBrainNetwork
{
    /// <summary>The excitatory population's name.</summary>
    public const string Excitatory = "exc";

    /// <summary>The inhibitory population's name.</summary>
    public const string Inhibitory = "inh";

    /// <summary>The network for <paramref name="connectome"/>; every probability and delay comes from the connectome and <paramref name="options"/>.</summary>
    public static NetworkSpec Build(Connectome connectome, WholeBrainOptions options, bool recordSpikes = true)
    {
        ArgumentNullException.ThrowIfNull(connectome);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problems().FirstOrDefault() is { } problem) throw new ArgumentException(problem, nameof(options));
        var regions = connectome.Count;
        var (ne, ni) = (options.ExcitatoryPerRegion, options.InhibitoryPerRegion);
        long total = (long)regions * options.NeuronsPerRegion;
        if ((long)regions * ne > int.MaxValue || total > int.MaxValue) throw new ArgumentException($"{regions} regions × {options.NeuronsPerRegion} neurons is too many neurons");

        var eBlocks = Enumerable.Repeat(ne, regions).ToArray();
        var iBlocks = Enumerable.Repeat(ni, regions).ToArray();
        var local = Enumerable.Range(0, regions).Select(r => new BlockEntry(r, r, options.LocalProbability)).ToArray();
        var fromExcitatory = local.Concat(LongRange(connectome, options)).ToArray();

        var tauE = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(options.TauExcitatoryMs) };
        var tauI = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(options.TauInhibitoryMs) };
        var excSynapse = new SynapseSpec { Model = "exp_current", Port = "exc", Params = tauE };
        var inhSynapse = new SynapseSpec { Model = "exp_current", Port = "inh", Params = tauI };
        var wE = new ConstantValue(Q.NA(options.ExcitatoryWeightPa * 1e-3));
        var wI = new ConstantValue(Q.NA(-options.InhibitionRatio * options.ExcitatoryWeightPa * 1e-3));
        var localDelay = new ConstantValue(Q.Ms(options.LocalDelayMs));
        ProjectionSpec Projection(string source, string target, int[] sourceBlocks, int[] targetBlocks, BlockEntry[] entries, ValueSpec weight, SynapseSpec synapse) => new()
        {
            Name = $"{source}->{target}", Source = source, Target = target, Weight = weight, Delay = localDelay, Synapse = synapse,
            Connector = new BlockConnector(sourceBlocks, targetBlocks, entries, AllowAutapses: source != target),
        };

        var stimuli = new List<StimulusSpec>();
        if (options.BackgroundRateHz > 0)
            foreach (var population in new[] { Excitatory, Inhibitory })
                stimuli.Add(new PoissonStimulus
                {
                    Target = population, Rate = Q.Hz(options.BackgroundRateHz), Weight = Q.NA(options.BackgroundWeightPa * 1e-3), Synapse = excSynapse,
                });

        return new NetworkSpec
        {
            Name = $"whole_brain_{connectome.Name}",
            Simulation = new SimulationSettings { Dt = Q.Ms(options.DtMs), Duration = Q.Ms(options.DurationMs), Seed = options.Seed },
            Populations = [Population(Excitatory, connectome, ne, options, 0), Population(Inhibitory, connectome, ni, options, 1)],
            Projections =
            [
                Projection(Excitatory, Excitatory, eBlocks, eBlocks, fromExcitatory, wE, excSynapse),
                Projection(Excitatory, Inhibitory, eBlocks, iBlocks, fromExcitatory, wE, excSynapse),
                Projection(Inhibitory, Excitatory, iBlocks, eBlocks, local, wI, inhSynapse),
                Projection(Inhibitory, Inhibitory, iBlocks, iBlocks, local, wI, inhSynapse),
            ],
            Stimuli = stimuli,
            Probes = recordSpikes ? [new SpikeProbe { Population = Excitatory }, new SpikeProbe { Population = Inhibitory }] : [],
        };
    }

    /// <summary>The long-range block entries (target region, source region, probability, delay in ms), diagonal excluded.</summary>
    public static IEnumerable<BlockEntry> LongRange(Connectome connectome, WholeBrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(connectome);
        ArgumentNullException.ThrowIfNull(options);
        var n = connectome.Count;
        var meanInStrength = 0.0;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                if (i != j) meanInStrength += connectome.Weight(i, j) / n;
        if (meanInStrength <= 0 || options.Coupling == 0) yield break;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                var w = connectome.Weight(i, j);
                if (i == j || w <= 0) continue;
                var p = Math.Min(1, options.Coupling * options.LocalProbability * w / meanInStrength);
                yield return new BlockEntry(i, j, p, Math.Max(options.DtMs, connectome.TractLengthMm(i, j) / options.SpeedMmPerMs));
            }
    }

    private static PopulationSpec Population(string name, Connectome connectome, int perRegion, WholeBrainOptions options, int index) => new()
    {
        Name = name,
        Size = connectome.Count * perRegion,
        Model = "lif",
        // CUBA's neuron (Vogels & Abbott 2005) with a resting potential below threshold, so activity needs the background.
        Params = new Dictionary<string, ValueSpec>
        {
            ["tau_m"] = new ConstantValue(Q.Ms(20)), ["cm"] = new ConstantValue(Quantity.Parse("200 pF")),
            ["v_rest"] = new ConstantValue(Q.MV(-60)), ["v_reset"] = new ConstantValue(Q.MV(-60)),
            ["v_thresh"] = new ConstantValue(Q.MV(-50)), ["tau_refrac"] = new ConstantValue(Q.Ms(5)),
        },
        Initial = new Dictionary<string, ValueSpec> { ["v"] = new UniformValue(Q.MV(-60), Q.MV(-50)) },
        Positions = new PositionsSpec { Points = Positions(connectome, perRegion, options, index) },
    };

    private static Point3[] Positions(Connectome connectome, int perRegion, WholeBrainOptions options, int population)
    {
        var points = new Point3[connectome.Count * perRegion];
        var jitter = options.PositionJitterUm;
        for (var r = 0; r < connectome.Count; r++)
        {
            // One stream per (population, region): the layout never depends on how many regions came before.
            var random = SeededRandom.Create(options.Seed, StreamDomain.Positions, -1 - population, r);
            var c = connectome.CentresMm[r];
            for (var k = 0; k < perRegion; k++)
                points[(r * perRegion) + k] = new Point3(
                    (c.X * 1000) + (jitter * ((2 * random.NextDouble()) - 1)),
                    (c.Y * 1000) + (jitter * ((2 * random.NextDouble()) - 1)),
                    (c.Z * 1000) + (jitter * ((2 * random.NextDouble()) - 1)));
        }
        return points;
    }
}
