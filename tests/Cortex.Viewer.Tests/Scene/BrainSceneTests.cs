using System.Numerics;
using Cortex.Recording;
using Cortex.Viewer.Scene;
using Xunit;

namespace Cortex.Viewer.Tests.Scene;

public class BrainSceneTests
{
    [Fact]
    public void RegionsGetTheCentreOfTheirNeuronsAndBundlesMergeBothDirections()
    {
        var layout = new NeuronLayout(
            [
                new PopulationLayout("exc", PositionSource.Connectome, [0, 0, 0, 2, 0, 0, 10, 10, 10, 12, 10, 10], [new RegionBlock("A", 2), new RegionBlock("B", 2)]),
                new PopulationLayout("inh", PositionSource.Connectome, [4, 0, 0, 14, 10, 10], [new RegionBlock("A", 1), new RegionBlock("B", 1)]),
            ],
            [new ProjectionBundle("A", "B", 3), new ProjectionBundle("B", "A", 1), new ProjectionBundle("A", "A", 9)]);
        var scene = new BrainScene(layout);
        Assert.Equal(["A", "B"], scene.Regions.Select(r => r.Name));
        Assert.Equal(new Vector3(2, 0, 0), scene.Regions[0].Centre);
        Assert.Equal(new Vector3(12, 10, 10), scene.Regions[1].Centre);
        Assert.Equal([0, 0, 1, 1, 0, 1], scene.RegionOfNeuron);
        var bundle = Assert.Single(scene.Bundles);
        Assert.Equal((0, 1, 1f), (bundle.From, bundle.To, bundle.Weight));
        Assert.Equal(4, scene.NeuronIndex("inh", 0));
        Assert.Equal(-1, scene.NeuronIndex("inh", 2));
        Assert.Empty(scene.DefaultPlaced);
    }
}
