using Cortex.Backends;

namespace Cortex.Host.Commands.Bench;

/// <summary>What a benchmark says about the device it measures.</summary>
internal static class BenchDevice
{
    /// <summary>
    /// One notice when the GPU backend is measured on ILGPU's CPU accelerator (<c>--device cpu</c>): it runs the kernels'
    /// logic for tests, about 100× slower than the CPU backend, so its timings say nothing about GPU speed.
    /// </summary>
    public static void WarnIfStandIn(IEnumerable<IBackend> backends, string? device, CliConsole console)
    {
        if (!string.Equals(device, BackendChoice.HostDevice, StringComparison.Ordinal)) return;
        foreach (var backend in backends)
            if (string.Equals(backend.Name, BackendChoice.Accelerated, StringComparison.Ordinal))
                console.Notice($"'{backend.Name}' on --device cpu runs on ILGPU's CPU accelerator, a stand-in for tests: these timings mean nothing for GPU speed");
    }
}
