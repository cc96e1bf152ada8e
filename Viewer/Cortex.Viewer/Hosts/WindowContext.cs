using System.Numerics;
using System.Runtime.InteropServices;
using Cortex.Viewer.Hosts.Glfw;
using Cortex.Viewer.Interaction;
using Silk.NET.OpenGL;

namespace Cortex.Viewer.Hosts;

/// <summary>
/// A GLFW window with an OpenGL 3.3 core, forward-compatible context: the interactive host of the renderer.
/// Input arrives through <see cref="Input"/> during <see cref="PollEvents"/>, in framebuffer pixels (top-left origin).
/// Create, draw, poll and dispose on one thread: GLFW and the context belong to it.
/// </summary>
/// <remarks>
/// With no display (a server, CI), run under <c>xvfb-run</c>; <see cref="Create"/> otherwise throws a
/// <see cref="ViewerUnavailableException"/> whose one-line message names what is missing and how to get it.
/// The callbacks handed to GLFW are delegates held in fields of this object: native code keeps only their function
/// pointers, so without these references the garbage collector could free them while the window still calls them.
/// </remarks>
public sealed class WindowContext : IGlContext
{
    private const string Fallback = "run under xvfb-run (Debian package xvfb), or use 'cortex render' for offscreen images";

    // GLFW is process-wide; at most one window is open at a time in this viewer.
    private static int s_open;

    private readonly nint _window;
    private readonly GlfwNative.MouseButtonCallback _mouseButton;
    private readonly GlfwNative.CursorPosCallback _cursorPos;
    private readonly GlfwNative.ScrollCallback _scroll;
    private readonly GlfwNative.KeyCallback _key;
    private readonly GlfwNative.CharCallback _char;
    private readonly GlfwNative.FramebufferSizeCallback _framebufferSize;
    private Vector2 _cursor;
    private bool _disposed;

    private WindowContext(nint window, GL gl, string glVersion)
    {
        _window = window;
        Gl = gl;
        GlVersion = glVersion;
        GlfwNative.GetFramebufferSize(window, out var width, out var height);
        Width = width;
        Height = height;
        _mouseButton = OnMouseButton;
        _cursorPos = OnCursorPos;
        _scroll = OnScroll;
        _key = OnKey;
        _char = OnChar;
        _framebufferSize = OnFramebufferSize;
        GlfwNative.SetMouseButtonCallback(window, Marshal.GetFunctionPointerForDelegate(_mouseButton));
        GlfwNative.SetCursorPosCallback(window, Marshal.GetFunctionPointerForDelegate(_cursorPos));
        GlfwNative.SetScrollCallback(window, Marshal.GetFunctionPointerForDelegate(_scroll));
        GlfwNative.SetKeyCallback(window, Marshal.GetFunctionPointerForDelegate(_key));
        GlfwNative.SetCharCallback(window, Marshal.GetFunctionPointerForDelegate(_char));
        GlfwNative.SetFramebufferSizeCallback(window, Marshal.GetFunctionPointerForDelegate(_framebufferSize));
    }

    /// <inheritdoc />
    public GL Gl { get; }

    /// <inheritdoc />
    public int Width { get; private set; }

    /// <inheritdoc />
    public int Height { get; private set; }

    /// <summary>The context's <c>GL_VERSION</c> string, e.g. "4.5 (Core Profile) Mesa 22.3.6".</summary>
    public string GlVersion { get; }

    /// <summary>Receives mouse, wheel, key and resize events during <see cref="PollEvents"/>; null ignores them.</summary>
    public IViewerInput? Input { get; set; }

    /// <summary>True once the user closed the window (or <see cref="RequestClose"/> was called).</summary>
    public bool ShouldClose => GlfwNative.WindowShouldClose(_window) != 0;

    /// <summary>
    /// Opens a window of <paramref name="width"/> × <paramref name="height"/> pixels with a current GL 3.3 core context.
    /// </summary>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="title">Window title.</param>
    /// <param name="vsync">Wait for the display's refresh on <see cref="SwapBuffers"/> (off for scripted runs).</param>
    /// <exception cref="ViewerUnavailableException">GLFW is missing, there is no display, or GL 3.3 core is unavailable.</exception>
    public static WindowContext Create(int width, int height, string title, bool vsync = true)
    {
        if (Interlocked.Exchange(ref s_open, 1) == 1) throw new InvalidOperationException("a viewer window is already open in this process");
        try
        {
            return Open(width, height, title, vsync);
        }
        catch
        {
            Volatile.Write(ref s_open, 0);
            throw;
        }
    }

    private static WindowContext Open(int width, int height, string title, bool vsync)
    {
        if (!GlfwNative.TryLoad())
        {
            throw new ViewerUnavailableException(
                $"GLFW ({GlfwNative.LibraryName}) is not installed: apt-get install libglfw3 (scripts/setup.sh installs it), or use 'cortex render' for offscreen images");
        }
        if (GlfwNative.Init() == 0)
        {
            var (code, description) = GlfwNative.LastError();
            throw new ViewerUnavailableException(code == GlfwConstants.PlatformError
                ? $"no display to open a window on ({description ?? "GLFW could not reach the window system"}; DISPLAY is {DisplayText()}): {Fallback}"
                : $"GLFW could not start ({description ?? $"error 0x{code:X}"}): {Fallback}");
        }

        GlfwNative.DefaultWindowHints();
        GlfwNative.WindowHint(GlfwConstants.ContextVersionMajor, 3);
        GlfwNative.WindowHint(GlfwConstants.ContextVersionMinor, 3);
        GlfwNative.WindowHint(GlfwConstants.OpenGlProfile, GlfwConstants.OpenGlCoreProfile);
        GlfwNative.WindowHint(GlfwConstants.OpenGlForwardCompat, 1);
        GlfwNative.WindowHint(GlfwConstants.Resizable, 1);
        var window = GlfwNative.CreateWindow(width, height, title, 0, 0);
        if (window == 0)
        {
            var (code, description) = GlfwNative.LastError();
            GlfwNative.Terminate();
            throw new ViewerUnavailableException(code is GlfwConstants.VersionUnavailable or GlfwConstants.ApiUnavailable
                ? $"OpenGL 3.3 core is not available on this display ({description ?? $"error 0x{code:X}"}): update the graphics driver or Mesa (libgl1-mesa-dri), or use 'cortex render' for offscreen images"
                : $"could not open a window ({description ?? $"error 0x{code:X}"}): {Fallback}");
        }

        GlfwNative.MakeContextCurrent(window);
        GlfwNative.SwapInterval(vsync ? 1 : 0);
        var gl = GL.GetApi(GlfwNative.GetProcAddress);
        var version = gl.GetStringS(StringName.Version) ?? "unknown";
        gl.GetInteger(GetPName.MajorVersion, out var major);
        gl.GetInteger(GetPName.MinorVersion, out var minor);
        if (major * 10 + minor < 33)
        {
            gl.Dispose();
            GlfwNative.DestroyWindow(window);
            GlfwNative.Terminate();
            throw new ViewerUnavailableException(
                $"the window's OpenGL is {version}, below the 3.3 core the viewer needs: update the graphics driver or Mesa (libgl1-mesa-dri), or use 'cortex render' for offscreen images");
        }
        return new WindowContext(window, gl, version);
    }

    private static string DisplayText() => Environment.GetEnvironmentVariable("DISPLAY") is { Length: > 0 } display ? $"'{display}'" : "not set";

    /// <summary>Sets the window title (the viewer shows the time, speed and the picked neuron there).</summary>
    public void SetTitle(string title) => GlfwNative.SetWindowTitle(_window, title);

    /// <summary>Processes pending window events, calling <see cref="Input"/>.</summary>
    public void PollEvents()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        GlfwNative.PollEvents();
    }

    /// <summary>Sleeps until an event arrives or <paramref name="seconds"/> pass, then processes the events (an idle viewer's wait).</summary>
    public void WaitEvents(double seconds)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        GlfwNative.WaitEventsTimeout(seconds);
    }

    /// <summary>Shows the frame just drawn.</summary>
    public void SwapBuffers() => GlfwNative.SwapBuffers(_window);

    /// <summary>Asks the frame loop to end (as the window's close button does).</summary>
    public void RequestClose() => GlfwNative.SetWindowShouldClose(_window, 1);

    /// <inheritdoc />
    /// <remarks>Reads the back buffer: call it after drawing a frame and before <see cref="SwapBuffers"/>.</remarks>
    public unsafe byte[] ReadPixels()
    {
        var pixels = new byte[Width * Height * 4];
        Gl.BindFramebuffer(FramebufferTarget.ReadFramebuffer, 0);
        Gl.ReadBuffer(ReadBufferMode.Back);
        Gl.PixelStore(PixelStoreParameter.PackAlignment, 1);
        fixed (byte* p = pixels) Gl.ReadPixels(0, 0, (uint)Width, (uint)Height, PixelFormat.Rgba, PixelType.UnsignedByte, p);
        return pixels;
    }

    /// <summary>Closes the window and ends GLFW.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Gl.Dispose();
        GlfwNative.DestroyWindow(_window);
        GlfwNative.Terminate();
        Volatile.Write(ref s_open, 0);
    }

    // Cursor positions come in window coordinates; the renderer works in framebuffer pixels (they differ on HiDPI screens).
    private Vector2 ToFramebuffer(double x, double y)
    {
        GlfwNative.GetWindowSize(_window, out var windowWidth, out var windowHeight);
        var sx = windowWidth > 0 ? (float)Width / windowWidth : 1f;
        var sy = windowHeight > 0 ? (float)Height / windowHeight : 1f;
        return new Vector2((float)x * sx, (float)y * sy);
    }

    private void OnMouseButton(nint window, int button, int action, int mods)
    {
        PointerButton? which = button switch
        {
            GlfwConstants.MouseLeft => PointerButton.Left,
            GlfwConstants.MouseRight => PointerButton.Right,
            GlfwConstants.MouseMiddle => PointerButton.Middle,
            _ => null,
        };
        if (which is not { } pointer || Input is null) return;
        if (action == GlfwConstants.Press) Input.PointerDown(pointer, _cursor, (mods & GlfwConstants.ModShift) != 0);
        else if (action == GlfwConstants.Release) Input.PointerUp(pointer, _cursor);
    }

    private void OnCursorPos(nint window, double x, double y)
    {
        _cursor = ToFramebuffer(x, y);
        Input?.PointerMoved(_cursor);
    }

    private void OnScroll(nint window, double dx, double dy) => Input?.Scrolled(dy);

    private void OnKey(nint window, int key, int scancode, int action, int mods)
    {
        if (action == GlfwConstants.Release || Input is null) return;
        ViewerKey? which = key switch
        {
            GlfwConstants.KeySpace when action == GlfwConstants.Press => ViewerKey.PlayPause,
            GlfwConstants.KeyLeft => ViewerKey.StepBack,
            GlfwConstants.KeyRight => ViewerKey.StepForward,
            GlfwConstants.KeyHome => ViewerKey.Start,
            GlfwConstants.KeyEnd => ViewerKey.End,
            GlfwConstants.KeyKpAdd or GlfwConstants.KeyUp => ViewerKey.Faster,
            GlfwConstants.KeyKpSubtract or GlfwConstants.KeyDown => ViewerKey.Slower,
            GlfwConstants.KeyR when action == GlfwConstants.Press => ViewerKey.ResetCamera,
            GlfwConstants.KeyEscape or GlfwConstants.KeyQ when action == GlfwConstants.Press => ViewerKey.Close,
            _ => null,
        };
        if (which is { } k) Input.KeyPressed(k);
    }

    // '+' and '-' come as characters: '+' is Shift+'=' on a US keyboard and a key of its own on others.
    private void OnChar(nint window, uint codepoint)
    {
        if (codepoint == '+') Input?.KeyPressed(ViewerKey.Faster);
        else if (codepoint == '-') Input?.KeyPressed(ViewerKey.Slower);
    }

    private void OnFramebufferSize(nint window, int width, int height)
    {
        Width = width;
        Height = height;
        Input?.Resized(width, height);
    }
}
