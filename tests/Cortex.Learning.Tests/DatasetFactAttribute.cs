namespace Cortex.Learning.Tests;

/// <summary>
/// A fact that needs libtorch and a dataset file installed by a Debian package; skipped, naming the file
/// and the package, when the file is absent (./cortex train or scripts/setup-torch.sh install them); under CI it runs
/// and fails instead.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatasetFactAttribute : FactAttribute
{
    public DatasetFactAttribute(string path, string debianPackage)
    {
        if (TorchAvailability.SkipReason is { } reason) Skip = reason;
        else if (!File.Exists(path) && !TorchAvailability.UnderCi) Skip = $"{path} is absent (apt-get install {debianPackage})";
    }
}
