using Cortex.Backends;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.Hardware.Gpu.Tests;

/// <summary>Which device the backend takes, and the errors when it has none or is asked for one it lacks.</summary>
public sealed class DeviceSelectionTests
{
    private static readonly Compilation.CompiledNetwork Tiny = GpuRun.Compile(new NetworkBuilder("tiny").Dt(Q.Ms(0.1)).Duration(Q.Ms(1)).Seed(1)
        .Population("cells", 4, "lif").Build());

    [Fact]
    public void Devices_lists_accelerators_first_and_the_cpu_accelerator_last_as_a_non_accelerator()
    {
        var devices = GpuRun.Registry.GetBackend("gpu").Devices();

        var cpu = devices[^1];
        Assert.Equal("cpu", cpu.Id);
        Assert.False(cpu.IsAccelerator);
        Assert.True(cpu.MemoryBytes > 0);
        Assert.All(devices.SkipLast(1), d =>
        {
            Assert.True(d.IsAccelerator);
            Assert.Matches("^(cuda|opencl):[0-9]+$", d.Id);
            Assert.True(d.MemoryBytes > 0, $"{d.Id} should report its memory");
        });
    }

    [Fact]
    public void Without_an_accelerator_open_names_what_it_looked_for_and_what_to_use_instead()
    {
        var backend = GpuRun.Registry.GetBackend("gpu");
        if (backend.Devices().Any(d => d.IsAccelerator))
        {
            // A machine with a GPU: the default is the first accelerator, never the CPU accelerator.
            using var session = (Session.GpuSession)backend.Open(Tiny, new BackendOptions());
            Assert.NotEqual(ILGPU.Runtime.AcceleratorType.CPU, session.Accelerator.AcceleratorType);
            return;
        }

        var error = Assert.Throws<BackendUnavailableException>(() => backend.Open(Tiny, new BackendOptions()));

        Assert.Equal("gpu", error.Backend);
        foreach (var part in new[] { "CUDA", "OpenCL", "--device cpu", "--backend cpu" })
            Assert.Contains(part, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_device_id_is_named_with_the_ids_found()
    {
        var error = Assert.Throws<BackendUnavailableException>(() => GpuRun.Registry.GetBackend("gpu").Open(Tiny, new BackendOptions { Device = "cuda:17" }));

        Assert.Contains("'cuda:17'", error.Message, StringComparison.Ordinal);
        Assert.Contains("cpu", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cpu_accelerator_runs_when_asked_for_by_id()
    {
        using var session = (Session.GpuSession)GpuRun.Registry.GetBackend("gpu").Open(Tiny, new BackendOptions { Device = "cpu" });

        Assert.Equal(ILGPU.Runtime.AcceleratorType.CPU, session.Accelerator.AcceleratorType);
        var report = Assert.IsAssignableFrom<IDeviceMemoryReport>(session);
        Assert.StartsWith("cpu ILGPU CPU accelerator", report.DeviceName, StringComparison.Ordinal);
        Assert.Equal(session.DeviceBytes, report.DeviceBytes);
    }
}
