using Cortex.Backends;
using Cortex.Hardware.Gpu.Support;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.Hardware.Gpu.Tests;

/// <summary>The device memory a network needs is known before allocating, and a network that does not fit fails before the run.</summary>
public sealed class DeviceMemoryTests
{
    private static readonly Compilation.CompiledNetwork Network = GpuRun.Compile(CpuAgreementTests.FeedForward(seed: 2));

    [Fact]
    public void A_network_larger_than_the_device_fails_before_the_run_naming_both_sizes()
    {
        var needed = DeviceMemoryEstimate.Bytes(Network);
        var backend = new GpuBackend(memoryLimitBytes: needed / 2);

        var error = Assert.Throws<BackendUnavailableException>(() => backend.Open(Network, GpuRun.OnCpuAccelerator));

        Assert.Contains(DeviceMemoryEstimate.Mib(needed), error.Message, StringComparison.Ordinal);
        Assert.Contains(DeviceMemoryEstimate.Mib(needed / 2), error.Message, StringComparison.Ordinal);
        Assert.Contains($"device {GpuRun.OnCpuAccelerator.Device}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_estimate_matches_what_the_session_allocates_within_ten_percent()
    {
        using var session = new GpuBackend().OpenSession(Network, GpuRun.OnCpuAccelerator);

        // The session sums the sizes of the buffers it really allocated.
        var estimate = DeviceMemoryEstimate.Bytes(Network);
        Assert.InRange(estimate, session.DeviceBytes * 0.9, session.DeviceBytes * 1.1);
    }
}
