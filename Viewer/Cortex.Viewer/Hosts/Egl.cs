using System.Runtime.InteropServices;

namespace Cortex.Viewer.Hosts;

/// <summary>
/// The few EGL 1.5 entry points a surfaceless offscreen context needs, bound at run time with
/// <see cref="NativeLibrary"/> so that a machine without EGL gets a clear message instead of a
/// <see cref="DllNotFoundException"/> at first call. <c>CORTEX_EGL_LIBRARY</c> overrides the library name.
/// </summary>
internal sealed unsafe class Egl
{
    public const int None = 0x3038;
    public const int SurfaceType = 0x3033;
    public const int RenderableType = 0x3040;
    public const int OpenGlBit = 0x0008;
    public const int DontCare = -1;
    public const int RedSize = 0x3024;
    public const int GreenSize = 0x3023;
    public const int BlueSize = 0x3022;
    public const int AlphaSize = 0x3021;
    public const int OpenGlApi = 0x30A2;
    public const int ContextMajorVersion = 0x3098;
    public const int ContextMinorVersion = 0x30FB;
    public const int ContextOpenGlProfileMask = 0x30FD;
    public const int ContextOpenGlCoreProfileBit = 0x1;
    public const int PlatformSurfacelessMesa = 0x31DD;
    public const int Extensions = 0x3055;

    /// <summary>The library asked for when <c>CORTEX_EGL_LIBRARY</c> is unset.</summary>
    public const string DefaultLibrary = "libEGL.so.1";

    public delegate* unmanaged<int, nint, nint*, nint> GetPlatformDisplay { get; private init; }
    public delegate* unmanaged<nint, int*, int*, int> Initialize { get; private init; }
    public delegate* unmanaged<int, int> BindApi { get; private init; }
    public delegate* unmanaged<nint, int*, nint*, int, int*, int> ChooseConfig { get; private init; }
    public delegate* unmanaged<nint, nint, nint, int*, nint> CreateContext { get; private init; }
    public delegate* unmanaged<nint, nint, nint, nint, int> MakeCurrent { get; private init; }
    public delegate* unmanaged<nint, nint, int> DestroyContext { get; private init; }
    public delegate* unmanaged<nint, int> Terminate { get; private init; }
    public delegate* unmanaged<int> GetError { get; private init; }
    public delegate* unmanaged<nint, nint> GetProcAddressRaw { get; private init; }

    /// <summary>The library name that was loaded.</summary>
    public required string LibraryName { get; init; }

    /// <summary>Loads the EGL library, or throws <see cref="ViewerUnavailableException"/> naming it and the package that provides it.</summary>
    public static Egl Load(string? library = null)
    {
        var name = library ?? (Environment.GetEnvironmentVariable("CORTEX_EGL_LIBRARY") is { Length: > 0 } overridden ? overridden : DefaultLibrary);
        if (!NativeLibrary.TryLoad(name, out var handle))
        {
            throw new ViewerUnavailableException(
                $"no EGL library ({name}) for offscreen OpenGL: install Mesa's EGL (Debian: apt-get install libegl1 libegl-mesa0 libgl1-mesa-dri, or run scripts/setup)");
        }
        nint Export(string symbol) => NativeLibrary.TryGetExport(handle, symbol, out var address)
            ? address
            : throw new ViewerUnavailableException($"the EGL library {name} has no {symbol} (EGL 1.5 is needed): install Mesa's EGL (Debian: libegl1 libegl-mesa0)");
        return new Egl
        {
            LibraryName = name,
            GetPlatformDisplay = (delegate* unmanaged<int, nint, nint*, nint>)Export("eglGetPlatformDisplay"),
            Initialize = (delegate* unmanaged<nint, int*, int*, int>)Export("eglInitialize"),
            BindApi = (delegate* unmanaged<int, int>)Export("eglBindAPI"),
            ChooseConfig = (delegate* unmanaged<nint, int*, nint*, int, int*, int>)Export("eglChooseConfig"),
            CreateContext = (delegate* unmanaged<nint, nint, nint, int*, nint>)Export("eglCreateContext"),
            MakeCurrent = (delegate* unmanaged<nint, nint, nint, nint, int>)Export("eglMakeCurrent"),
            DestroyContext = (delegate* unmanaged<nint, nint, int>)Export("eglDestroyContext"),
            Terminate = (delegate* unmanaged<nint, int>)Export("eglTerminate"),
            GetError = (delegate* unmanaged<int>)Export("eglGetError"),
            GetProcAddressRaw = (delegate* unmanaged<nint, nint>)Export("eglGetProcAddress"),
        };
    }

    /// <summary>A GL or EGL entry point by name (Mesa returns core GL functions too).</summary>
    public nint GetProcAddress(string name)
    {
        var bytes = Marshal.StringToHGlobalAnsi(name);
        try
        {
            return GetProcAddressRaw(bytes);
        }
        finally
        {
            Marshal.FreeHGlobal(bytes);
        }
    }

    /// <summary>The last EGL error as hex, for messages.</summary>
    public string LastError() => $"0x{GetError():X4}";
}
