using System.Numerics;
using Cortex.Compilation;
using Cortex.Recording;

namespace Cortex.Viewer.Scene;

/// <summary>
/// Everything static about a drawing: neuron positions (µm), the population of each neuron, population and region
/// colours, region centres and projection bundles. Neuron index = population offset + neuron id in <c>spikes.parquet</c>.
/// </summary>
public sealed class BrainScene
{
    private readonly Dictionary<string, int> _populationIndex;

    /// <summary>Builds a scene from a layout (what <c>layout.parquet</c> holds).</summary>
    public BrainScene(NeuronLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var n = layout.NeuronCount;
        Positions = new float[3 * n];
        PopulationOfNeuron = new int[n];
        RegionOfNeuron = new int[n];
        var regionIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var regionSums = new List<(Vector3 Sum, int Count)>();
        var regionNames = new List<string>();
        var populations = new List<ScenePopulation>();
        var offset = 0;
        for (var p = 0; p < layout.Populations.Count; p++)
        {
            var population = layout.Populations[p];
            population.Positions.AsSpan().CopyTo(Positions.AsSpan(3 * offset));
            PopulationOfNeuron.AsSpan(offset, population.Size).Fill(p);
            var names = population.RegionOfNeuron();
            for (var i = 0; i < population.Size; i++)
            {
                var region = -1;
                if (names[i] is { } name && !regionIndex.TryGetValue(name, out region))
                {
                    region = regionIndex[name] = regionNames.Count;
                    regionNames.Add(name);
                    regionSums.Add((Vector3.Zero, 0));
                }
                RegionOfNeuron[offset + i] = region;
                if (region >= 0)
                {
                    var position = new Vector3(population.Positions[3 * i], population.Positions[3 * i + 1], population.Positions[3 * i + 2]);
                    regionSums[region] = (regionSums[region].Sum + position, regionSums[region].Count + 1);
                }
            }
            populations.Add(new ScenePopulation(population.Name, offset, population.Size, Palette.Colour(p), population.Source));
            offset += population.Size;
        }
        Populations = populations;
        _populationIndex = populations.Select((p, i) => (p.Name, i)).ToDictionary(t => t.Name, t => t.i, StringComparer.Ordinal);
        (BoundsMin, BoundsMax) = ComputeBounds(Positions);
        LongAxisAngle = PrincipalHorizontalAngle();
        var centres = regionSums.Select(r => r.Count > 0 ? r.Sum / r.Count : Vector3.Zero).ToList();
        Regions = [.. regionNames.Select((name, r) => new SceneRegion(name, centres[r], RegionColour(r, centres)))];
        Bundles = BuildBundles(layout, regionIndex);
    }

    /// <summary>x, y, z triples in µm, one per neuron.</summary>
    public float[] Positions { get; }

    /// <summary>Population index of each neuron.</summary>
    public int[] PopulationOfNeuron { get; }

    /// <summary>Region index of each neuron, or -1 where none is known.</summary>
    public int[] RegionOfNeuron { get; }

    /// <summary>Populations in network order.</summary>
    public IReadOnlyList<ScenePopulation> Populations { get; }

    /// <summary>Regions named by the layout (empty when none are known).</summary>
    public IReadOnlyList<SceneRegion> Regions { get; }

    /// <summary>Projection bundles between regions, strongest first.</summary>
    public IReadOnlyList<RegionBundle> Bundles { get; }

    /// <summary>Number of neurons.</summary>
    public int NeuronCount => PopulationOfNeuron.Length;

    /// <summary>Smallest x, y, z over all neurons (zero when empty).</summary>
    public Vector3 BoundsMin { get; }

    /// <summary>Largest x, y, z over all neurons (zero when empty).</summary>
    public Vector3 BoundsMax { get; }

    /// <summary>Centre of the bounding box.</summary>
    public Vector3 Centre => (BoundsMin + BoundsMax) / 2;

    /// <summary>Half the bounding box's diagonal (at least 1 µm).</summary>
    public float Radius => MathF.Max(1f, (BoundsMax - BoundsMin).Length() / 2);

    /// <summary>Populations placed by <see cref="DefaultLayout"/> (the viewer says so).</summary>
    public IEnumerable<ScenePopulation> DefaultPlaced => Populations.Where(p => p.Source == PositionSource.Default);

    /// <summary>Position of neuron <paramref name="index"/>, µm.</summary>
    public Vector3 Position(int index) => new(Positions[3 * index], Positions[3 * index + 1], Positions[3 * index + 2]);

    /// <summary>Scene index of a population's neuron, or -1 when the population is not in the scene or the id is out of range.</summary>
    public int NeuronIndex(string population, int neuron) =>
        _populationIndex.TryGetValue(population, out var p) && (uint)neuron < (uint)Populations[p].Count ? Populations[p].Offset + neuron : -1;

    /// <summary>Index of a population by name, or -1.</summary>
    public int PopulationIndex(string population) => _populationIndex.TryGetValue(population, out var p) ? p : -1;

    /// <summary>Reads <c>layout.parquet</c> from a run's output directory.</summary>
    /// <exception cref="ViewerUnavailableException">The directory or its layout is missing or unreadable (message says how to get one).</exception>
    public static BrainScene Load(string outputDirectory) => new(RecordingFolder.ReadLayout(outputDirectory));

    /// <summary>The scene of a compiled network (positions as a run would record them).</summary>
    public static BrainScene FromNetwork(CompiledNetwork network, IReadOnlyDictionary<string, PopulationPlacement>? placements = null,
        IReadOnlyList<ProjectionBundle>? bundles = null) =>
        new(NetworkLayout.From(network, placements, bundles));

    /// <summary>
    /// Angle (radians, in the xy plane from +x) of the neurons' longest horizontal principal axis: the anterior-posterior
    /// axis of a brain, whichever way a dataset orders x and y.
    /// </summary>
    public double LongAxisAngle { get; }

    /// <summary>
    /// Region colours. Up to ten: the palette in region order. More (a connectome): the hue goes round the brain with
    /// the region's direction from the centre in the plane of the long axis and z, so neighbouring regions share
    /// related hues, both hemispheres match, and the colours read as a map of lobes.
    /// </summary>
    private Vector3 RegionColour(int region, List<Vector3> centres)
    {
        if (centres.Count <= 10) return Palette.Colour(region);
        var d = centres[region] - Centre;
        var along = d.X * Math.Cos(LongAxisAngle) + d.Y * Math.Sin(LongAxisAngle);
        var hue = Math.Atan2(d.Z, along) * 180 / Math.PI;
        return Palette.FromHsv(hue + 360, 0.62, 1.0);
    }

    private double PrincipalHorizontalAngle()
    {
        double sxx = 0, sxy = 0, syy = 0;
        var centre = Centre;
        var stride = Math.Max(1, NeuronCount / 4096);
        for (var i = 0; i < NeuronCount; i += stride)
        {
            var (dx, dy) = ((double)Positions[3 * i] - centre.X, (double)Positions[3 * i + 1] - centre.Y);
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        // Orientation of the principal axis of the 2×2 covariance.
        return 0.5 * Math.Atan2(2 * sxy, sxx - syy);
    }

    private static List<RegionBundle> BuildBundles(NeuronLayout layout, Dictionary<string, int> regionIndex)
    {
        var totals = new Dictionary<(int, int), double>();
        foreach (var bundle in layout.Bundles)
        {
            if (!regionIndex.TryGetValue(bundle.From, out var from) || !regionIndex.TryGetValue(bundle.To, out var to)) continue;
            if (from == to || !(bundle.Weight > 0)) continue;
            var key = from < to ? (from, to) : (to, from);
            totals[key] = totals.GetValueOrDefault(key) + bundle.Weight;
        }
        if (totals.Count == 0) return [];
        var max = totals.Values.Max();
        return [.. totals.OrderByDescending(t => t.Value).Select(t => new RegionBundle(t.Key.Item1, t.Key.Item2, (float)(t.Value / max)))];
    }

    private static (Vector3, Vector3) ComputeBounds(float[] positions)
    {
        if (positions.Length == 0) return (Vector3.Zero, Vector3.Zero);
        var min = new Vector3(float.MaxValue);
        var max = new Vector3(float.MinValue);
        for (var i = 0; i < positions.Length; i += 3)
        {
            var p = new Vector3(positions[i], positions[i + 1], positions[i + 2]);
            min = Vector3.Min(min, p);
            max = Vector3.Max(max, p);
        }
        return (min, max);
    }
}
