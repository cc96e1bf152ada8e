using Cortex.Viewer.Hosts;
using Xunit;

namespace Cortex.Viewer.Tests.Support;

/// <summary>
/// A fact that needs offscreen OpenGL (EGL + Mesa). Without it the test is skipped and says why (scripts/setup-viewer.sh
/// installs Mesa); under CI (<c>CI=true</c>) it runs and fails with the context's one-line error, since there a missing
/// install step is a broken build.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class GlFactAttribute : FactAttribute
{
    public GlFactAttribute()
    {
        if (GlAvailability.SkipReason is { } reason) Skip = reason;
    }
}

internal static class GlAvailability
{
    private static readonly Lazy<string?> Check = new(() =>
    {
        try
        {
            using var probe = OffscreenContext.Create(4, 4);
            return null;
        }
        catch (ViewerUnavailableException e)
        {
            return $"no offscreen OpenGL (run scripts/setup-viewer.sh): {e.Message}";
        }
    });

    /// <summary>True under CI, where a test must not skip for a missing install step.</summary>
    public static bool UnderCi => Environment.GetEnvironmentVariable("CI") is "true" or "1";

    /// <summary>Why a GL test skips here, or null when it runs (GL works, or CI).</summary>
    public static string? SkipReason => UnderCi ? null : Check.Value;
}
