using System.ComponentModel;
using System.Diagnostics;
using Xunit;

namespace Cortex.Viewer.Tests.Support;

/// <summary>A fact that needs offscreen OpenGL and ffmpeg/ffprobe; skipped with the reason outside CI, run (and failing) under CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class VideoFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> FfmpegProblem = new(() =>
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("ffprobe", "-version") { RedirectStandardOutput = true });
            p!.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return null;
        }
        catch (Win32Exception)
        {
            return "ffmpeg/ffprobe are not installed (scripts/setup-viewer.sh installs them)";
        }
    });

    public VideoFactAttribute()
    {
        if (GlAvailability.UnderCi) return;
        Skip = GlAvailability.SkipReason ?? FfmpegProblem.Value;
    }
}
