using System.Numerics;
using Cortex.Recording;
using Cortex.Viewer.Hosts;
using Cortex.Viewer.Output;
using Cortex.Viewer.Rendering;
using Cortex.Viewer.Scene;

using Xunit;

namespace Cortex.Viewer.Tests;

public class Smoke
{
    [Fact]
    public void RendersSomething()
    {
        var a = DefaultLayout.Disc(2000, 0, 2, 2000, 1);
        var b = DefaultLayout.Disc(500, 1, 2, 2000, 1);
        var layout = new NeuronLayout([new PopulationLayout("exc", PositionSource.Default, a, [new RegionBlock("A", 2000)]), new PopulationLayout("inh", PositionSource.Spec, b, [new RegionBlock("B", 500)])],
            [new ProjectionBundle("A", "B", 100)]);
        var scene = new BrainScene(layout);
        using var context = OffscreenContext.Create(1280, 720, 4);
        using var renderer = new SceneRenderer(context.Gl, scene, new RenderStyle());
        var brightness = new float[scene.NeuronCount];
        for (var i = 0; i < brightness.Length; i += 37) brightness[i] = 1f;
        for (var i = 5; i < brightness.Length; i += 53) brightness[i] = 0.4f;
        renderer.Render(new FrameState(123.4, brightness, "smoke"), OrbitCamera.Framing(scene), 1280, 720);
        PngImage.Save(context.ReadPixels(), 1280, 720, "/tmp/viewer-smoke.png");
        Console.WriteLine(context.Renderer + " / " + context.Version);
    }
}

public class FramingDebug
{
    [Fact]
    public void Prints()
    {
        var scene = BrainScene.Load("/tmp/vb");
        var c = OrbitCamera.Framing(scene);
        Console.WriteLine($"{scene.BoundsMin} {scene.BoundsMax} {scene.Radius} {c}");
        Console.WriteLine(c.ProjectToPixel(scene.BoundsMin, 1280, 720) + " " + c.ProjectToPixel(scene.BoundsMax, 1280, 720));
    }
}
