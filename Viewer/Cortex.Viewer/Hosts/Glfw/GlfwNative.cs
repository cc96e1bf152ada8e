using System.Runtime.InteropServices;

namespace Cortex.Viewer.Hosts.Glfw;

/// <summary>
/// The part of GLFW 3.3 (Debian <c>libglfw3</c>, <c>libglfw.so.3</c>) that the window needs, bound by P/Invoke:
/// Silk.NET.Windowing is not on the package feed, and GLFW is the smallest native window library on Debian.
/// Every call must come from the thread that called <see cref="Init"/>.
/// </summary>
internal static unsafe partial class GlfwNative
{
    /// <summary>The soname Debian's <c>libglfw3</c> installs.</summary>
    public const string Library = "libglfw.so.3";

    /// <summary>Names another GLFW 3.3 library file to load instead of <see cref="Library"/> (a build of one's own, or a test's missing one).</summary>
    public const string LibraryVariable = "CORTEX_GLFW_LIBRARY";

    private static readonly Lock s_loadLock = new();
    private static nint s_handle;

    /// <summary>The library file to load: <see cref="LibraryVariable"/> when set, else <see cref="Library"/>.</summary>
    public static string LibraryName => Environment.GetEnvironmentVariable(LibraryVariable) is { Length: > 0 } name ? name : Library;

    /// <summary>
    /// Loads <see cref="LibraryName"/> once and routes this assembly's <see cref="Library"/> imports to it; false when it
    /// cannot be loaded (then no GLFW function may be called).
    /// </summary>
    public static bool TryLoad()
    {
        lock (s_loadLock)
        {
            if (s_handle != 0) return true;
            if (!NativeLibrary.TryLoad(LibraryName, typeof(GlfwNative).Assembly, null, out var handle)) return false;
            s_handle = handle;
            NativeLibrary.SetDllImportResolver(typeof(GlfwNative).Assembly, (name, _, _) => name == Library ? s_handle : 0);
            return true;
        }
    }

    [LibraryImport(Library, EntryPoint = "glfwInit")]
    public static partial int Init();

    [LibraryImport(Library, EntryPoint = "glfwTerminate")]
    public static partial void Terminate();

    /// <summary>The last error's code (0 when none) and its UTF-8 description, cleared by the call.</summary>
    [LibraryImport(Library, EntryPoint = "glfwGetError")]
    public static partial int GetError(out nint description);

    [LibraryImport(Library, EntryPoint = "glfwGetVersionString")]
    public static partial nint GetVersionString();

    [LibraryImport(Library, EntryPoint = "glfwDefaultWindowHints")]
    public static partial void DefaultWindowHints();

    [LibraryImport(Library, EntryPoint = "glfwWindowHint")]
    public static partial void WindowHint(int hint, int value);

    [LibraryImport(Library, EntryPoint = "glfwCreateWindow", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint CreateWindow(int width, int height, string title, nint monitor, nint share);

    [LibraryImport(Library, EntryPoint = "glfwDestroyWindow")]
    public static partial void DestroyWindow(nint window);

    [LibraryImport(Library, EntryPoint = "glfwMakeContextCurrent")]
    public static partial void MakeContextCurrent(nint window);

    [LibraryImport(Library, EntryPoint = "glfwGetProcAddress", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint GetProcAddress(string name);

    [LibraryImport(Library, EntryPoint = "glfwSwapBuffers")]
    public static partial void SwapBuffers(nint window);

    [LibraryImport(Library, EntryPoint = "glfwSwapInterval")]
    public static partial void SwapInterval(int interval);

    [LibraryImport(Library, EntryPoint = "glfwPollEvents")]
    public static partial void PollEvents();

    [LibraryImport(Library, EntryPoint = "glfwWaitEventsTimeout")]
    public static partial void WaitEventsTimeout(double seconds);

    [LibraryImport(Library, EntryPoint = "glfwWindowShouldClose")]
    public static partial int WindowShouldClose(nint window);

    [LibraryImport(Library, EntryPoint = "glfwSetWindowShouldClose")]
    public static partial void SetWindowShouldClose(nint window, int value);

    [LibraryImport(Library, EntryPoint = "glfwSetWindowTitle", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void SetWindowTitle(nint window, string title);

    [LibraryImport(Library, EntryPoint = "glfwGetFramebufferSize")]
    public static partial void GetFramebufferSize(nint window, out int width, out int height);

    [LibraryImport(Library, EntryPoint = "glfwGetWindowSize")]
    public static partial void GetWindowSize(nint window, out int width, out int height);

    [LibraryImport(Library, EntryPoint = "glfwSetMouseButtonCallback")]
    public static partial nint SetMouseButtonCallback(nint window, nint callback);

    [LibraryImport(Library, EntryPoint = "glfwSetCursorPosCallback")]
    public static partial nint SetCursorPosCallback(nint window, nint callback);

    [LibraryImport(Library, EntryPoint = "glfwSetScrollCallback")]
    public static partial nint SetScrollCallback(nint window, nint callback);

    [LibraryImport(Library, EntryPoint = "glfwSetKeyCallback")]
    public static partial nint SetKeyCallback(nint window, nint callback);

    [LibraryImport(Library, EntryPoint = "glfwSetCharCallback")]
    public static partial nint SetCharCallback(nint window, nint callback);

    [LibraryImport(Library, EntryPoint = "glfwSetFramebufferSizeCallback")]
    public static partial nint SetFramebufferSizeCallback(nint window, nint callback);

    /// <summary>GLFW's own description of the last error, e.g. "X11: Failed to open display", or null.</summary>
    public static (int Code, string? Description) LastError()
    {
        var code = GetError(out var description);
        return (code, description == 0 ? null : Marshal.PtrToStringUTF8(description));
    }

    // Callback signatures (cdecl on x64 Linux, the only calling convention there).
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void MouseButtonCallback(nint window, int button, int action, int mods);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void CursorPosCallback(nint window, double x, double y);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void ScrollCallback(nint window, double dx, double dy);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void KeyCallback(nint window, int key, int scancode, int action, int mods);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void CharCallback(nint window, uint codepoint);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void FramebufferSizeCallback(nint window, int width, int height);
}
