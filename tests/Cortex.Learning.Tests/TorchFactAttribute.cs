using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

/// <summary>
/// A fact that needs libtorch. When the native library cannot load (a machine without the libstdc++ that
/// scripts/setup-torch.sh installs), the test is skipped and says why instead of failing obscurely.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TorchFactAttribute : FactAttribute
{
    public TorchFactAttribute()
    {
        if (TorchAvailability.Problem is { } problem) Skip = problem;
    }
}

/// <summary>A theory that needs libtorch; see <see cref="TorchFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TorchTheoryAttribute : TheoryAttribute
{
    public TorchTheoryAttribute()
    {
        if (TorchAvailability.Problem is { } problem) Skip = problem;
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
}
