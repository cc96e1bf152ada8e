namespace Cortex.Viewer.Hosts;

/// <summary>
/// The process's one surfaceless EGL display, shared by every <see cref="OffscreenContext"/>.
/// <c>eglGetPlatformDisplay</c> hands every caller the same handle and <c>eglTerminate</c> ends it for all of them,
/// so a context disposed on one thread would pull the display from under a context rendering on another (Mesa then
/// crashes the process). Contexts therefore lease the display: the first lease initialises it, the last release
/// terminates it, and both happen under one lock.
/// </summary>
internal static unsafe class SurfacelessDisplay
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<nint, int> Leases = [];

    /// <summary>Initialises <paramref name="display"/> if no context holds it yet and counts one lease.</summary>
    /// <returns>False when EGL cannot initialise the display (no lease is taken).</returns>
    public static bool Acquire(Egl egl, nint display, out int major, out int minor)
    {
        lock (Gate)
        {
            int ma, mi;
            // Initialising an initialised display is allowed and returns its version again.
            if (egl.Initialize(display, &ma, &mi) == 0)
            {
                major = minor = 0;
                return false;
            }
            major = ma;
            minor = mi;
            Leases[display] = Leases.GetValueOrDefault(display) + 1;
            return true;
        }
    }

    /// <summary>Gives back one lease; the last one terminates the display.</summary>
    public static void Release(Egl egl, nint display)
    {
        lock (Gate)
        {
            var left = Leases.GetValueOrDefault(display) - 1;
            if (left > 0)
            {
                Leases[display] = left;
                return;
            }
            Leases.Remove(display);
            egl.Terminate(display);
        }
    }
}
