using System.Numerics;
using Cortex.Recording;
using Cortex.Viewer.Interaction;
using Cortex.Viewer.Scene;
using Xunit;

namespace Cortex.Viewer.Tests.Interaction;

public sealed class ScenePickerTests
{
    private const int Width = 800;
    private const int Height = 600;

    // Two populations in two regions, 200 µm apart, seen from −y (z is up on screen); exc neuron 1 spikes 3 times and inh neuron 0 once in 500 ms.
    private static (BrainScene Scene, ActivityTimeline Timeline) Build()
    {
        var layout = new NeuronLayout(
            [
                new PopulationLayout("exc", PositionSource.Spec, [-100, 0, 0, -100, 0, 50, -150, 0, 0], [new RegionBlock("left", 3)]),
                new PopulationLayout("inh", PositionSource.Spec, [100, 0, 0, 100, 0, 40], [new RegionBlock("right", 2)]),
            ],
            []);
        var scene = new BrainScene(layout);
        var timeline = new ActivityTimeline(scene.NeuronCount);
        timeline.AddRange([10, 20, 30, 40], [1, 1, 3, 1]);
        return (scene, timeline);
    }

    private static OrbitCamera Camera() => new() { Target = Vector3.Zero, Distance = 800, YawDegrees = 0, PitchDegrees = 0 };

    [Fact]
    public void ClickingOnANeuron_NamesItsIdPopulationAndRate()
    {
        var (scene, timeline) = Build();
        var picker = new ScenePicker(scene, timeline);
        var camera = Camera();
        var pixel = camera.ProjectToPixel(scene.Position(1), Width, Height) + new Vector2(2, -2);
        var pick = picker.Pick(camera, pixel, Width, Height, durationMs: 500);
        Assert.NotNull(pick);
        Assert.Equal(PickKind.Neuron, pick.Kind);
        Assert.Equal(1, pick.Index);
        Assert.Equal(3 / 0.5, pick.RateHz, 12); // 3 spikes in 0.5 s
        Assert.Contains("neuron 1 of exc", pick.Label, StringComparison.Ordinal);
        Assert.Contains("region left", pick.Label, StringComparison.Ordinal);
        Assert.Contains("6.00 Hz", pick.Label, StringComparison.Ordinal);

        var second = picker.Pick(camera, camera.ProjectToPixel(scene.Position(3), Width, Height), Width, Height, 500);
        Assert.Equal("neuron 0 of inh", second!.Label[..15]);
        Assert.Equal(2.0, second.RateHz, 12);
    }

    [Fact]
    public void ClickingNearARegionCentreButNoNeuron_PicksTheRegion_WithItsMeanRate()
    {
        var (scene, timeline) = Build();
        var picker = new ScenePicker(scene, timeline);
        var camera = Camera();
        // The centre of 'right' is (100, 0, 20): between its two neurons, 20 µm (about 24 px) from each on screen.
        var centre = camera.ProjectToPixel(new Vector3(100, 0, 20), Width, Height);
        var pick = picker.Pick(camera, centre, Width, Height, 500);
        Assert.NotNull(pick);
        Assert.Equal(PickKind.Region, pick.Kind);
        Assert.Equal("right", scene.Regions[pick.Index].Name);
        Assert.Equal(1 / (2 * 0.5), pick.RateHz, 12);
    }

    [Fact]
    public void ClickingOnEmptySpace_PicksNothing()
    {
        var (scene, timeline) = Build();
        var picker = new ScenePicker(scene, timeline);
        Assert.Null(picker.Pick(Camera(), new Vector2(5, 5), Width, Height, 500));
    }
}
