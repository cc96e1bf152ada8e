using Cortex.Backends;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace Cortex.Hardware.Gpu.Devices;

/// <summary>
/// The devices ILGPU finds, in the order the backend prefers them: CUDA devices, then OpenCL devices ILGPU can use, then
/// ILGPU's CPU accelerator, which runs only when asked for by id ("cpu") because it exists for tests, not speed.
/// </summary>
internal static class GpuDeviceCatalog
{
    /// <summary>The id of ILGPU's CPU accelerator.</summary>
    public const string CpuId = "cpu";

    // One context for the process: ILGPU caches compiled kernels per context, so later sessions skip the compile.
    private static readonly Lazy<Context> Shared = new(CreateContext);

    /// <summary>The process's context (never disposed; it lives as long as the process).</summary>
    public static Context Context => Shared.Value;

    /// <summary>A context with every accelerator kind this backend may use (default math: double stays double, as on the CPU backends).</summary>
    private static Context CreateContext() => Context.Create(builder => builder.Cuda().OpenCL().CPU(new CPUDevice(numThreadsPerWarp: 2, numWarpsPerMultiprocessor: 1, numMultiprocessors: 1)).EnableAlgorithms());

    /// <summary>Every device of <paramref name="context"/> with its id, CUDA first, the CPU accelerator last.</summary>
    public static IReadOnlyList<(BackendDevice Listing, Device Device)> List(Context context)
    {
        var found = new List<(BackendDevice, Device)>();
        var cuda = context.GetCudaDevices();
        for (var i = 0; i < cuda.Count; i++) found.Add((new BackendDevice($"cuda:{i}", cuda[i].Name, cuda[i].MemorySize, IsAccelerator: true), cuda[i]));
        var openCl = context.GetCLDevices();
        for (var i = 0; i < openCl.Count; i++) found.Add((new BackendDevice($"opencl:{i}", openCl[i].Name, openCl[i].MemorySize, IsAccelerator: true), openCl[i]));
        foreach (var cpu in context.GetCPUDevices())
        {
            found.Add((new BackendDevice(CpuId, "ILGPU CPU accelerator (for tests; --device cpu)", GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, IsAccelerator: false), cpu));
            break;
        }
        return found;
    }

    /// <summary>
    /// The device named <paramref name="id"/>, or the first accelerator when <paramref name="id"/> is null; throws
    /// <see cref="BackendUnavailableException"/> naming what was looked for.
    /// </summary>
    public static (BackendDevice Listing, Device Device) Select(Context context, string? id)
    {
        var all = List(context);
        if (id is null)
            return all.FirstOrDefault(d => d.Listing.IsAccelerator) is { Device: not null } first
                ? first
                : throw new BackendUnavailableException("gpu",
                    "the gpu backend found no usable device: ILGPU saw no CUDA device and no usable OpenCL device " +
                    "(use --device cpu for ILGPU's CPU accelerator, meant for tests, or --backend cpu)");
        return all.FirstOrDefault(d => string.Equals(d.Listing.Id, id, StringComparison.OrdinalIgnoreCase)) is { Device: not null } chosen
            ? chosen
            : throw new BackendUnavailableException("gpu",
                $"the gpu backend has no device '{id}'; it found: {string.Join(", ", all.Select(d => d.Listing.Id))} " +
                "(ids are cuda:N, opencl:N and cpu; or use --backend cpu)");
    }
}
