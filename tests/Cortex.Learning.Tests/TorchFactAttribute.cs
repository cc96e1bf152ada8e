using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

/// <summary>
/// A fact that needs libtorch. When the native library cannot load (a machine without the libstdc++ that
/// scripts/setup-torch.sh installs), the test is skipped and says why instead of failing obscurely; under CI
/// (<see cref="TorchAvailability.UnderCi"/>) it runs and fails with the loader's error, since there a missing
/// install step is a broken build.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TorchFactAttribute : FactAttribute
{
    public TorchFactAttribute()
    {
        if (TorchAvailability.SkipReason is { } reason) Skip = reason;
    }
}

/// <summary>A theory that needs libtorch; see <see cref="TorchFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TorchTheoryAttribute : TheoryAttribute
{
    public TorchTheoryAttribute()
    {
        if (TorchAvailability.SkipReason is { } reason) Skip = reason;
    }
}

internal static class TorchAvailability
{
    private static readonly Lazy<string?> Check = new(() =>
    {
        try
        {
            using var probe = ones(1);
            return null;
        }
#pragma warning disable CA1031 // Any failure to load the native library means the same thing here.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return $"libtorch could not be loaded (run scripts/setup-torch.sh): {e.GetBaseException().Message}";
        }
    });

    public static string? Problem => Check.Value;

    /// <summary>True under CI (<c>CI=true</c>), where a test must not skip for a missing install step.</summary>
    public static bool UnderCi => Environment.GetEnvironmentVariable("CI") is "true" or "1";

    /// <summary>Why a test that needs libtorch skips here, or null when it runs (libtorch loads, or CI).</summary>
    public static string? SkipReason => UnderCi ? null : Problem;
}
