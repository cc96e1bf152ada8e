using Silk.NET.OpenGL;

namespace Cortex.Viewer.Hosts;

/// <summary>
/// A current OpenGL 3.3 (or later) core context with a drawable of a fixed size: the renderer draws into whatever
/// framebuffer the host has bound, so the same <see cref="Rendering.SceneRenderer"/> serves offscreen and windowed hosts.
/// </summary>
public interface IGlContext : IDisposable
{
    /// <summary>The GL entry points of this context (current on the creating thread).</summary>
    GL Gl { get; }

    /// <summary>Drawable width in pixels.</summary>
    int Width { get; }

    /// <summary>Drawable height in pixels.</summary>
    int Height { get; }

    /// <summary>The drawable's pixels as RGBA bytes, bottom row first (as <c>glReadPixels</c> gives them).</summary>
    byte[] ReadPixels();
}
