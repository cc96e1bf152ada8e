using System.Numerics;
using Cortex.Viewer.Hosts;
using Cortex.Viewer.Rendering;
using Cortex.Viewer.Scene;
using Cortex.Viewer.Tests.Support;
using Xunit;

namespace Cortex.Viewer.Tests.Rendering;

/// <summary>
/// Tiny scenes rendered offscreen (Mesa llvmpipe through EGL, no multisampling) and checked pixel by pixel against values
/// computed by hand from the documented decay law, the pinhole camera model and the shader's stated formulas.
/// Tolerance: 3 of 255 levels per channel (8-bit rounding of a few blended terms), 1 pixel for positions.
/// </summary>
public class PixelTests
{
    private const int Size = 65; // odd, so the image centre is the centre of pixel 32
    private const int Centre = Size / 2;
    private const int LevelTolerance = 3;

    private static readonly RenderStyle Bare = RenderStyle.Plain with { RestingIntensity = 0.2f, FlashIntensity = 0.4f, PointSizePixels = 4, FlashSizePixels = 15 };

    private static OrbitCamera FrontCamera => new() { Target = Vector3.Zero, Distance = 1000, YawDegrees = 0, PitchDegrees = 0, FieldOfViewDegrees = 40 };

    [GlFact]
    public void AFlashIsBrightAtItsSpikeAndDecaysByTheLawAfterOneDecayTime()
    {
        var scene = TinyScenes.Of([Vector3.Zero]);
        var timeline = new ActivityTimeline(1);
        const double spikeMs = 10, decayMs = 20;
        timeline.Append(spikeMs, 0);
        var colour = scene.Populations[0].Colour;

        using var context = OffscreenContext.Create(Size, Size);
        using var renderer = new SceneRenderer(context.Gl, scene, Bare);
        (int R, int G, int B) CentreAt(double t)
        {
            var brightness = new float[1];
            timeline.Brightness(t, decayMs, brightness);
            renderer.Render(new FrameState(t, brightness, null), FrontCamera, Size, Size);
            return TinyScenes.Pixel(context.ReadPixels(), Size, Size, Centre, Centre);
        }

        var before = CentreAt(spikeMs - 1);
        var atSpike = CentreAt(spikeMs);
        var oneDecayLater = CentreAt(spikeMs + decayMs);

        // Resting: intensity · colour. A flash adds b · intensity · (colour + 0.5) at the sprite's centre, b = exp(−age / decay).
        foreach (var (b, pixel) in new[] { (0.0, before), (1.0, atSpike), (Math.Exp(-1), oneDecayLater) })
        {
            var expected = Expected(colour, b);
            Assert.InRange(pixel.R, expected.R - LevelTolerance, expected.R + LevelTolerance);
            Assert.InRange(pixel.G, expected.G - LevelTolerance, expected.G + LevelTolerance);
            Assert.InRange(pixel.B, expected.B - LevelTolerance, expected.B + LevelTolerance);
        }
        Assert.True(Sum(atSpike) > Sum(oneDecayLater) && Sum(oneDecayLater) > Sum(before), $"{before} {atSpike} {oneDecayLater}");
        // The flash's own part falls to e^-1 of its peak after one decay time.
        var ratio = (Sum(oneDecayLater) - Sum(before)) / (double)(Sum(atSpike) - Sum(before));
        Assert.InRange(ratio, Math.Exp(-1) - 0.03, Math.Exp(-1) + 0.03);
    }

    [GlFact]
    public void TheCameraPutsAKnownPointAtTheKnownPixel()
    {
        const int width = 160, height = 90;
        var point = new Vector3(120, 50, -80);
        var scene = TinyScenes.Of([point]);
        var camera = FrontCamera;
        using var context = OffscreenContext.Create(width, height);
        using var renderer = new SceneRenderer(context.Gl, scene, Bare);
        renderer.Render(new FrameState(0, new float[1], null), camera, width, height);
        var found = TinyScenes.BrightCentroid(context.ReadPixels(), width, height, threshold: 10);
        var expected = TinyScenes.PinholePixel(point, camera.Distance, camera.FieldOfViewDegrees, width, height);
        Assert.InRange(found.X, expected.X - 1, expected.X + 1);
        Assert.InRange(found.Y, expected.Y - 1, expected.Y + 1);
    }

    [GlFact]
    public void ColoursFollowThePopulations()
    {
        const int width = 96, height = 48;
        var left = new Vector3(-150, 0, 0);
        var right = new Vector3(150, 0, 0);
        var scene = TinyScenes.Of([left], [right]);
        using var context = OffscreenContext.Create(width, height);
        using var renderer = new SceneRenderer(context.Gl, scene, Bare with { RestingIntensity = 1f, PointSizePixels = 6 });
        renderer.Render(new FrameState(0, new float[2], null), FrontCamera, width, height);
        var pixels = context.ReadPixels();
        for (var p = 0; p < 2; p++)
        {
            var at = TinyScenes.PinholePixel(p == 0 ? left : right, FrontCamera.Distance, FrontCamera.FieldOfViewDegrees, width, height);
            var pixel = TinyScenes.Pixel(pixels, width, height, (int)at.X, (int)at.Y);
            var colour = scene.Populations[p].Colour;
            Assert.InRange(pixel.R, colour.X * 255 - LevelTolerance, colour.X * 255 + LevelTolerance);
            Assert.InRange(pixel.G, colour.Y * 255 - LevelTolerance, colour.Y * 255 + LevelTolerance);
            Assert.InRange(pixel.B, colour.Z * 255 - LevelTolerance, colour.Z * 255 + LevelTolerance);
        }
        Assert.NotEqual(scene.Populations[0].Colour, scene.Populations[1].Colour);
        // Between the two neurons the image stays background.
        Assert.Equal((0, 0, 0), TinyScenes.Pixel(pixels, width, height, width / 2, height / 2));
    }

    [GlFact]
    public void TheSameFrameRendersToTheSamePixels()
    {
        var scene = TinyScenes.Of([new Vector3(0, 0, 0), new Vector3(100, 0, 50)], [new Vector3(-60, 30, -20)]);
        using var context = OffscreenContext.Create(Size, Size);
        using var renderer = new SceneRenderer(context.Gl, scene, new RenderStyle());
        float[] brightness = [1f, 0.3f, 0.6f];
        renderer.Render(new FrameState(12.5, brightness, "x"), OrbitCamera.Framing(scene, 1), Size, Size);
        var first = context.ReadPixels();
        renderer.Render(new FrameState(12.5, brightness, "x"), OrbitCamera.Framing(scene, 1), Size, Size);
        Assert.Equal(first, context.ReadPixels());
    }

    [GlFact]
    public void TheCachedStaticLayerGivesTheSameImageAsDrawingItEachFrame()
    {
        var scene = TinyScenes.Of([new Vector3(0, 0, 0), new Vector3(100, 0, 50)], [new Vector3(-60, 30, -20)]);
        float[] brightness = [0.8f, 0f, 0.5f];
        var camera = OrbitCamera.Framing(scene, 1);
        byte[] RenderWith(RenderStyle style)
        {
            using var context = OffscreenContext.Create(Size, Size);
            using var renderer = new SceneRenderer(context.Gl, scene, style);
            renderer.Render(new FrameState(3, brightness, null), camera, Size, Size);
            // A second frame reuses the cache.
            renderer.Render(new FrameState(3, brightness, null), camera, Size, Size);
            return context.ReadPixels();
        }
        var direct = RenderWith(new RenderStyle { Legend = false, TimeStamp = false, CacheStaticLayerFrom = int.MaxValue });
        var cached = RenderWith(new RenderStyle { Legend = false, TimeStamp = false, CacheStaticLayerFrom = 1 });
        var worst = direct.Zip(cached, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(worst <= 1, $"largest difference {worst} levels");
        Assert.True(direct.Any(v => v > 40), "the image is not blank");
    }

    private static (int R, int G, int B) Expected(Vector3 colour, double b)
    {
        int Channel(float c) => (int)Math.Round(Math.Min(1, Bare.RestingIntensity * c + b * Bare.FlashIntensity * (c + 0.5)) * 255);
        return (Channel(colour.X), Channel(colour.Y), Channel(colour.Z));
    }

    private static int Sum((int R, int G, int B) p) => p.R + p.G + p.B;
}
