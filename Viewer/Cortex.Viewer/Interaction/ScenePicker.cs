using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using Cortex.Viewer.Scene;

namespace Cortex.Viewer.Interaction;

/// <summary>
/// Answers a click on the picture: the neuron drawn nearest the cursor within <see cref="NeuronRadiusPixels"/>, else
/// the region whose glyph is within <see cref="RegionRadiusPixels"/>; with its id, population and firing rate.
/// </summary>
/// <remarks>
/// The rate is over the recording, [0, <c>durationMs</c>): spikes counted by the timeline, so in live mode it is the
/// rate so far. Regions are the scene's (from connectome or circuit layouts); a scene without regions picks neurons only.
/// </remarks>
public sealed class ScenePicker
{
    /// <summary>How far from the cursor a neuron may be drawn and still be picked.</summary>
    public const float NeuronRadiusPixels = 6f;

    /// <summary>How far from the cursor a region's glyph may be and still be picked.</summary>
    public const float RegionRadiusPixels = 18f;

    private readonly BrainScene _scene;
    private readonly ActivityTimeline _timeline;
    private readonly Vector3[] _regionCentres;

    /// <summary>A picker over <paramref name="scene"/> with rates from <paramref name="timeline"/>.</summary>
    public ScenePicker(BrainScene scene, ActivityTimeline timeline)
    {
        _scene = scene ?? throw new ArgumentNullException(nameof(scene));
        _timeline = timeline ?? throw new ArgumentNullException(nameof(timeline));
        _regionCentres = [.. scene.Regions.Select(r => r.Centre)];
    }

    /// <summary>What is under <paramref name="pixel"/> (top-left origin) in an image of the given size, or null.</summary>
    /// <param name="camera">The camera that drew the image.</param>
    /// <param name="pixel">The click, pixels from the top-left.</param>
    /// <param name="width">Image width, pixels.</param>
    /// <param name="height">Image height, pixels.</param>
    /// <param name="durationMs">The recording's length so far, ms (the rate's denominator).</param>
    public PickResult? Pick(OrbitCamera camera, Vector2 pixel, int width, int height, double durationMs)
    {
        ArgumentNullException.ThrowIfNull(camera);
        var (origin, direction) = camera.RayThroughPixel(pixel, width, height);
        var focal = RayPicker.FocalPixels(camera.FieldOfViewDegrees * MathF.PI / 180, height);
        var points = MemoryMarshal.Cast<float, Vector3>(_scene.Positions.AsSpan());
        var neuron = RayPicker.Nearest(origin, direction, points, NeuronRadiusPixels, focal);
        if (neuron >= 0) return DescribeNeuron(neuron, durationMs);
        var region = RayPicker.Nearest(origin, direction, _regionCentres, RegionRadiusPixels, focal);
        return region >= 0 ? DescribeRegion(region, durationMs) : null;
    }

    /// <summary>The label of scene neuron <paramref name="neuron"/>: its id in its population, the population and its rate.</summary>
    public PickResult DescribeNeuron(int neuron, double durationMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(neuron);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(neuron, _scene.NeuronCount);
        var population = _scene.Populations[_scene.PopulationOfNeuron[neuron]];
        var spikes = _timeline.CountSpikes(neuron, double.NegativeInfinity, durationMs);
        var rate = Rate(spikes, 1, durationMs);
        var regionIndex = _scene.RegionOfNeuron[neuron];
        var region = regionIndex >= 0 ? $", region {_scene.Regions[regionIndex].Name}" : "";
        var label = string.Create(CultureInfo.InvariantCulture,
            $"neuron {neuron - population.Offset} of {population.Name}{region} · {spikes} spike{(spikes == 1 ? "" : "s")} · {rate:0.00} Hz");
        return new PickResult(PickKind.Neuron, neuron, label, rate);
    }

    /// <summary>The label of region <paramref name="region"/>: its name, neuron count and mean rate.</summary>
    public PickResult DescribeRegion(int region, double durationMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(region);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(region, _scene.Regions.Count);
        // One pass over the recording for all neurons, then the region's share.
        var counts = new int[_scene.NeuronCount];
        _timeline.CountSpikes(double.NegativeInfinity, durationMs, counts);
        var neurons = 0;
        long spikes = 0;
        for (var n = 0; n < counts.Length; n++)
        {
            if (_scene.RegionOfNeuron[n] != region) continue;
            neurons++;
            spikes += counts[n];
        }
        var rate = Rate(spikes, neurons, durationMs);
        var label = string.Create(CultureInfo.InvariantCulture,
            $"region {_scene.Regions[region].Name} · {neurons:N0} neurons · {rate:0.00} Hz mean");
        return new PickResult(PickKind.Region, region, label, rate);
    }

    private static double Rate(long spikes, int neurons, double durationMs) =>
        neurons > 0 && durationMs > 0 ? spikes / (neurons * durationMs * 1e-3) : 0;
}
