using Silk.NET.OpenGL;

namespace Cortex.Viewer.Hosts;

/// <summary>
/// A headless OpenGL 3.3 core context: EGL on Mesa's surfaceless platform (no display, no window system) and a
/// framebuffer object with colour and depth renderbuffers, multisampled when asked and resolved on read.
/// The context is current on the creating thread; use it from that thread only.
/// </summary>
public sealed unsafe class OffscreenContext : IGlContext
{
    private readonly Egl _egl;
    private readonly nint _display;
    private readonly nint _context;
    private readonly uint _framebuffer;
    private readonly uint _colour;
    private readonly uint _depth;
    private readonly uint _resolveFramebuffer;
    private readonly uint _resolveColour;
    private bool _disposed;

    private OffscreenContext(Egl egl, nint display, nint context, GL gl, int width, int height, int samples)
    {
        _egl = egl;
        _display = display;
        _context = context;
        Gl = gl;
        Width = width;
        Height = height;
        Samples = samples;
        Renderer = gl.GetStringS(StringName.Renderer) ?? "unknown";
        Version = gl.GetStringS(StringName.Version) ?? "unknown";

        _framebuffer = gl.GenFramebuffer();
        gl.BindFramebuffer(FramebufferTarget.Framebuffer, _framebuffer);
        _colour = gl.GenRenderbuffer();
        gl.BindRenderbuffer(RenderbufferTarget.Renderbuffer, _colour);
        gl.RenderbufferStorageMultisample(RenderbufferTarget.Renderbuffer, (uint)samples, InternalFormat.Rgba8, (uint)width, (uint)height);
        gl.FramebufferRenderbuffer(FramebufferTarget.Framebuffer, FramebufferAttachment.ColorAttachment0, RenderbufferTarget.Renderbuffer, _colour);
        _depth = gl.GenRenderbuffer();
        gl.BindRenderbuffer(RenderbufferTarget.Renderbuffer, _depth);
        gl.RenderbufferStorageMultisample(RenderbufferTarget.Renderbuffer, (uint)samples, InternalFormat.DepthComponent24, (uint)width, (uint)height);
        gl.FramebufferRenderbuffer(FramebufferTarget.Framebuffer, FramebufferAttachment.DepthAttachment, RenderbufferTarget.Renderbuffer, _depth);
        var status = gl.CheckFramebufferStatus(FramebufferTarget.Framebuffer);
        if (status != GLEnum.FramebufferComplete)
        {
            throw new ViewerUnavailableException($"offscreen framebuffer {width}x{height} with {samples} samples is incomplete ({status}) on {Renderer}");
        }
        if (samples > 0)
        {
            _resolveFramebuffer = gl.GenFramebuffer();
            gl.BindFramebuffer(FramebufferTarget.Framebuffer, _resolveFramebuffer);
            _resolveColour = gl.GenRenderbuffer();
            gl.BindRenderbuffer(RenderbufferTarget.Renderbuffer, _resolveColour);
            gl.RenderbufferStorage(RenderbufferTarget.Renderbuffer, InternalFormat.Rgba8, (uint)width, (uint)height);
            gl.FramebufferRenderbuffer(FramebufferTarget.Framebuffer, FramebufferAttachment.ColorAttachment0, RenderbufferTarget.Renderbuffer, _resolveColour);
        }
        gl.BindFramebuffer(FramebufferTarget.Framebuffer, _framebuffer);
        gl.Viewport(0, 0, (uint)width, (uint)height);
    }

    /// <inheritdoc />
    public GL Gl { get; }

    /// <inheritdoc />
    public int Width { get; }

    /// <inheritdoc />
    public int Height { get; }

    /// <summary>Samples per pixel of the colour buffer (0: no multisampling).</summary>
    public int Samples { get; }

    /// <summary>GL_RENDERER, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)".</summary>
    public string Renderer { get; }

    /// <summary>GL_VERSION, e.g. "4.5 (Core Profile) Mesa 22.3.6".</summary>
    public string Version { get; }

    /// <summary>
    /// Creates a surfaceless EGL context (OpenGL 3.3 core) and an offscreen framebuffer of the given size.
    /// </summary>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="samples">Multisample count (0 for none; 4 smooths sprite edges at four times the fill cost).</param>
    /// <exception cref="ViewerUnavailableException">No EGL, no surfaceless platform, or no GL 3.3 core context.</exception>
    public static OffscreenContext Create(int width, int height, int samples = 0) => Create(width, height, samples, eglLibrary: null);

    /// <summary>As <see cref="Create(int, int, int)"/> with the EGL library named (tests: a missing one).</summary>
    internal static OffscreenContext Create(int width, int height, int samples, string? eglLibrary)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        var egl = Egl.Load(eglLibrary);
        const string install = "install Mesa (Debian: apt-get install libegl1 libegl-mesa0 libgl1-mesa-dri, or run scripts/setup)";
        var display = egl.GetPlatformDisplay(Egl.PlatformSurfacelessMesa, 0, null);
        if (display == 0)
        {
            throw new ViewerUnavailableException($"EGL ({egl.LibraryName}) has no surfaceless platform (EGL_MESA_platform_surfaceless, error {egl.LastError()}): {install}");
        }
        if (!SurfacelessDisplay.Acquire(egl, display, out var major, out var minor))
        {
            throw new ViewerUnavailableException($"EGL could not initialise the surfaceless display (error {egl.LastError()}): {install}");
        }
        if (egl.BindApi(Egl.OpenGlApi) == 0)
        {
            SurfacelessDisplay.Release(egl, display);
            throw new ViewerUnavailableException($"EGL {major}.{minor} offers no desktop OpenGL API (error {egl.LastError()}): {install}");
        }
        var configAttributes = stackalloc int[]
        {
            Egl.SurfaceType, Egl.DontCare,
            Egl.RenderableType, Egl.OpenGlBit,
            Egl.RedSize, 8, Egl.GreenSize, 8, Egl.BlueSize, 8, Egl.AlphaSize, 8,
            Egl.None,
        };
        nint config;
        int count;
        if (egl.ChooseConfig(display, configAttributes, &config, 1, &count) == 0 || count < 1)
        {
            SurfacelessDisplay.Release(egl, display);
            throw new ViewerUnavailableException($"EGL {major}.{minor} has no RGBA8 OpenGL config (error {egl.LastError()}): {install}");
        }
        var contextAttributes = stackalloc int[]
        {
            Egl.ContextMajorVersion, 3,
            Egl.ContextMinorVersion, 3,
            Egl.ContextOpenGlProfileMask, Egl.ContextOpenGlCoreProfileBit,
            Egl.None,
        };
        var context = egl.CreateContext(display, config, 0, contextAttributes);
        if (context == 0)
        {
            SurfacelessDisplay.Release(egl, display);
            throw new ViewerUnavailableException($"EGL could not create an OpenGL 3.3 core context (error {egl.LastError()}); the viewer needs GL 3.3: {install}, or set LIBGL_ALWAYS_SOFTWARE=1 for llvmpipe");
        }
        if (egl.MakeCurrent(display, 0, 0, context) == 0)
        {
            egl.DestroyContext(display, context);
            SurfacelessDisplay.Release(egl, display);
            throw new ViewerUnavailableException($"EGL could not make a surfaceless context current (EGL_KHR_surfaceless_context, error {egl.LastError()}): {install}");
        }
        var gl = GL.GetApi(egl.GetProcAddress);
        gl.GetInteger(GetPName.MajorVersion, out var glMajor);
        gl.GetInteger(GetPName.MinorVersion, out var glMinor);
        if (glMajor * 10 + glMinor < 33)
        {
            egl.MakeCurrent(display, 0, 0, 0);
            egl.DestroyContext(display, context);
            SurfacelessDisplay.Release(egl, display);
            throw new ViewerUnavailableException($"OpenGL {glMajor}.{glMinor} is below the 3.3 the viewer needs: {install}");
        }
        try
        {
            return new OffscreenContext(egl, display, context, gl, width, height, samples);
        }
        catch
        {
            egl.MakeCurrent(display, 0, 0, 0);
            egl.DestroyContext(display, context);
            SurfacelessDisplay.Release(egl, display);
            throw;
        }
    }

    /// <summary>Binds the drawing framebuffer and viewport (the renderer draws into whatever is bound).</summary>
    public void Bind()
    {
        Gl.BindFramebuffer(FramebufferTarget.Framebuffer, _framebuffer);
        Gl.Viewport(0, 0, (uint)Width, (uint)Height);
    }

    /// <inheritdoc />
    public byte[] ReadPixels()
    {
        var pixels = new byte[Width * Height * 4];
        ReadPixels(pixels);
        return pixels;
    }

    /// <summary>Reads the drawable into <paramref name="rgba"/> (Width·Height·4 bytes, bottom row first), resolving multisamples first.</summary>
    public void ReadPixels(Span<byte> rgba)
    {
        if (rgba.Length < Width * Height * 4) throw new ArgumentException($"needs {Width * Height * 4} bytes", nameof(rgba));
        var gl = Gl;
        if (Samples > 0)
        {
            gl.BindFramebuffer(FramebufferTarget.ReadFramebuffer, _framebuffer);
            gl.BindFramebuffer(FramebufferTarget.DrawFramebuffer, _resolveFramebuffer);
            gl.BlitFramebuffer(0, 0, Width, Height, 0, 0, Width, Height, ClearBufferMask.ColorBufferBit, BlitFramebufferFilter.Nearest);
            gl.BindFramebuffer(FramebufferTarget.Framebuffer, _resolveFramebuffer);
        }
        gl.PixelStore(PixelStoreParameter.PackAlignment, 1);
        fixed (byte* p = rgba)
        {
            gl.ReadPixels(0, 0, (uint)Width, (uint)Height, PixelFormat.Rgba, PixelType.UnsignedByte, p);
        }
        Bind();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        var gl = Gl;
        gl.DeleteFramebuffer(_framebuffer);
        gl.DeleteRenderbuffer(_colour);
        gl.DeleteRenderbuffer(_depth);
        if (Samples > 0)
        {
            gl.DeleteFramebuffer(_resolveFramebuffer);
            gl.DeleteRenderbuffer(_resolveColour);
        }
        gl.Dispose();
        _egl.MakeCurrent(_display, 0, 0, 0);
        _egl.DestroyContext(_display, _context);
        SurfacelessDisplay.Release(_egl, _display);
    }
}
