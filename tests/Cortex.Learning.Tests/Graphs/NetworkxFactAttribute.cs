using System.Diagnostics;

namespace Cortex.Learning.Tests.Graphs;

/// <summary>
/// A fact that needs libtorch and networkx (Debian python3-networkx, installed by scripts/setup-torch.sh); skipped
/// outside CI, saying why, when python3 cannot import networkx; under CI it runs and fails instead.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NetworkxFactAttribute : FactAttribute
{
    public NetworkxFactAttribute()
    {
        if (TorchAvailability.SkipReason is { } reason) Skip = reason;
        else if (!TorchAvailability.UnderCi && !Importable.Value) Skip = "python3 cannot import networkx (apt-get install python3-networkx)";
    }

    private static readonly Lazy<bool> Importable = new(() =>
    {
        foreach (var python in new[] { "/usr/bin/python3", "python3" })
        {
            try
            {
                using var process = Process.Start(new ProcessStartInfo(python, "-c \"import networkx\"") { RedirectStandardError = true, UseShellExecute = false });
                if (process is null) continue;
                process.WaitForExit();
                if (process.ExitCode == 0) return true;
            }
            catch (System.ComponentModel.Win32Exception)
            {
            }
        }
        return false;
    });
}
