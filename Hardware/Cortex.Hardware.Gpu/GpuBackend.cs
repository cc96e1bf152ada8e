using Cortex.Backends;
using Cortex.Compilation;
using Cortex.Hardware.Gpu.Devices;
using Cortex.Hardware.Gpu.Session;
using Cortex.Hardware.Gpu.Support;

namespace Cortex.Hardware.Gpu;

/// <summary>
/// The GPU backend on ILGPU. Every neuron and receptor model, built-in or plugin, runs through kernels ILGPU specialises for
/// its dynamics struct (obtained through the model visitors, no type tests); models ILGPU cannot compile to PTX are refused by
/// name before the run. Runs on the first CUDA device, else the first usable OpenCL device; ILGPU's CPU accelerator
/// (<c>--device cpu</c>) only when asked for, for tests. Delivery adds fixed-point sums atomically, so a seed gives the same
/// spikes on every run; sums differ from the CPU backends' float sums in the last bits when three or more weights meet.
/// </summary>
public sealed class GpuBackend : IBackend
{
    private readonly long? _memoryLimitBytes;

    /// <summary>The backend as the plugin registers it.</summary>
    public GpuBackend()
    {
    }

    /// <summary>A backend that pretends its device has <paramref name="memoryLimitBytes"/> bytes (tests of the memory refusal).</summary>
    internal GpuBackend(long memoryLimitBytes) => _memoryLimitBytes = memoryLimitBytes;

    /// <inheritdoc />
    public string Name => "gpu";

    /// <inheritdoc />
    public string Description => "ILGPU kernels specialised per model; CUDA, else OpenCL (--device cpu: ILGPU's CPU accelerator, for tests)";

    /// <inheritdoc />
    public IReadOnlyList<string> Unsupported(CompiledNetwork network) => GpuSupport.Unsupported(network);

    /// <inheritdoc />
    public IReadOnlyList<BackendDevice> Devices()
    {
        return [.. GpuDeviceCatalog.List(GpuDeviceCatalog.Context).Select(d => d.Listing)];
    }

    /// <inheritdoc />
    public ISimulationSession Open(CompiledNetwork network, BackendOptions options) => OpenSession(network, options);

    /// <summary>Opens a session (typed, for tests that look at the device).</summary>
    internal GpuSession OpenSession(CompiledNetwork network, BackendOptions options)
    {
        var unsupported = Unsupported(network);
        if (unsupported.Count > 0) throw new UnsupportedComponentException(Name, unsupported);
        var context = GpuDeviceCatalog.Context;
        var (listing, device) = GpuDeviceCatalog.Select(context, options.Device);
        var needed = DeviceMemoryEstimate.Bytes(network);
        var available = _memoryLimitBytes ?? listing.MemoryBytes;
        if (available > 0 && needed > available)
            throw new BackendUnavailableException(Name,
                $"the network needs {DeviceMemoryEstimate.Mib(needed)} of device memory, but device {listing.Id} ({listing.Name}) has " +
                $"{DeviceMemoryEstimate.Mib(available)}; use a smaller network or --backend cpu");
        var accelerator = device.CreateAccelerator(context);
        try
        {
            return new GpuSession(network, accelerator, listing);
        }
        catch
        {
            accelerator.Dispose();
            throw;
        }
    }
}
