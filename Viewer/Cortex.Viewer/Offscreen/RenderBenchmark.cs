using System.Diagnostics;
using System.Numerics;
using Cortex.Recording;
using Cortex.Viewer.Hosts;
using Cortex.Viewer.Rendering;
using Cortex.Viewer.Scene;

namespace Cortex.Viewer.Offscreen;

/// <summary>One row of the render benchmark.</summary>
/// <param name="Neurons">Neurons in the scene.</param>
/// <param name="Samples">Multisamples per pixel.</param>
/// <param name="Orbiting">Whether the camera turned every frame (else it stood still, as in replay with a fixed view).</param>
/// <param name="Frames">Frames timed.</param>
/// <param name="FramesPerSecond">Frames per wall-clock second (brightness, draw, overlay, read-back).</param>
/// <param name="MeanLitFraction">Mean fraction of neurons with a visible flash per frame.</param>
/// <param name="SetupSeconds">Scene upload and shader compilation, s.</param>
/// <param name="Renderer">GL_RENDERER.</param>
public sealed record RenderBenchmarkRow(int Neurons, int Samples, bool Orbiting, int Frames, double FramesPerSecond, double MeanLitFraction, double SetupSeconds, string Renderer);

/// <summary>
/// Frames per second of the offscreen renderer on a synthetic brain-sized cloud: N neurons in an ellipsoid (four
/// populations), each frame 1 % of them spiking at random times since the previous frame, played back in real time
/// at 30 fps with a 20 ms decay; a frame is timed from the brightness computation to the pixels read back.
/// </summary>
public static class RenderBenchmark
{
    /// <summary>Simulated ms between frames (real time at 30 fps).</summary>
    public const double FrameMs = 1000.0 / 30;

    /// <summary>Measures one size.</summary>
    public static RenderBenchmarkRow Measure(int neurons, int width, int height, int samples, bool orbiting, int frames, ulong seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(neurons, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        var setup = Stopwatch.StartNew();
        var scene = new BrainScene(Cloud(neurons, seed));
        var warmup = 3;
        var timeline = Spikes(neurons, warmup + frames, seed);
        using var context = OffscreenContext.Create(width, height, samples);
        using var renderer = new SceneRenderer(context.Gl, scene, new RenderStyle());
        var camera = OrbitCamera.Framing(scene, (float)width / height);
        var brightness = new float[neurons];
        var pixels = new byte[width * height * 4];
        setup.Stop();
        var lit = 0L;
        var clock = new Stopwatch();
        for (var k = 0; k < warmup + frames; k++)
        {
            if (k == warmup) clock.Start();
            var t = (k + 1) * FrameMs;
            var n = timeline.Brightness(t, 20, brightness);
            renderer.Render(new FrameState(t, brightness, "benchmark"), camera, width, height);
            context.ReadPixels(pixels);
            if (orbiting) camera.Orbit(0.5f, 0);
            if (k >= warmup) lit += n;
        }
        clock.Stop();
        return new RenderBenchmarkRow(neurons, samples, orbiting, frames, frames / clock.Elapsed.TotalSeconds, lit / (double)frames / neurons,
            setup.Elapsed.TotalSeconds, context.Renderer);
    }

    /// <summary>N neurons uniformly in an ellipsoid of 140 × 110 × 90 mm (a brain's size), four populations.</summary>
    public static NeuronLayout Cloud(int neurons, ulong seed)
    {
        var random = new Random(unchecked((int)seed));
        var populations = new List<PopulationLayout>();
        var semi = new Vector3(70_000, 55_000, 45_000);
        for (var p = 0; p < 4; p++)
        {
            var size = neurons / 4 + (p < neurons % 4 ? 1 : 0);
            var positions = new float[3 * size];
            for (var i = 0; i < size; i++)
            {
                Vector3 u;
                do u = new Vector3(random.NextSingle() * 2 - 1, random.NextSingle() * 2 - 1, random.NextSingle() * 2 - 1);
                while (u.LengthSquared() > 1);
                var x = u * semi;
                positions[3 * i] = x.X;
                positions[3 * i + 1] = x.Y;
                positions[3 * i + 2] = x.Z;
            }
            populations.Add(new PopulationLayout($"pop{p}", PositionSource.Spec, positions));
        }
        return new NeuronLayout(populations, []);
    }

    private static ActivityTimeline Spikes(int neurons, int frames, ulong seed)
    {
        var random = new Random(unchecked((int)seed) + 1);
        var perFrame = Math.Max(1, neurons / 100);
        var times = new double[perFrame * frames];
        var ids = new int[perFrame * frames];
        for (var k = 0; k < frames; k++)
        {
            for (var i = 0; i < perFrame; i++)
            {
                times[k * perFrame + i] = (k + random.NextDouble()) * FrameMs;
                ids[k * perFrame + i] = random.Next(neurons);
            }
        }
        var timeline = new ActivityTimeline(neurons);
        timeline.AddRange(times, ids);
        return timeline;
    }
}
