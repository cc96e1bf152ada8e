using System.Runtime.InteropServices;
using Xunit;

namespace Cortex.Host.Tests.View;

/// <summary>
/// A test that opens a real window with <c>xvfb-run</c>: skipped, saying what is missing, when GLFW or Xvfb is not
/// installed (scripts/setup.sh's <c>cortex_install_viewer_window</c> installs both); under CI (<c>CI=true</c>) it runs
/// and fails instead, since there a missing install step is a broken build.
/// </summary>
public sealed class WindowFactAttribute : FactAttribute
{
    public WindowFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") is "true" or "1") return;
        if (WindowTools.Missing() is { } missing) Skip = $"{missing} is not installed (apt-get install libglfw3 xvfb, or scripts/setup.sh)";
    }
}

/// <summary>Finds xvfb-run and GLFW.</summary>
internal static class WindowTools
{
    public static string? XvfbRun() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':')
            .Select(dir => Path.Combine(dir, "xvfb-run")).FirstOrDefault(File.Exists);

    /// <summary>What is missing to open a window under xvfb-run, or null.</summary>
    public static string? Missing()
    {
        if (XvfbRun() is null) return "xvfb-run (Debian package xvfb)";
        return GlfwInstalled() ? null : "GLFW (Debian package libglfw3)";
    }

    public static bool GlfwInstalled()
    {
        if (!NativeLibrary.TryLoad("libglfw.so.3", out var handle)) return false;
        NativeLibrary.Free(handle);
        return true;
    }
}
