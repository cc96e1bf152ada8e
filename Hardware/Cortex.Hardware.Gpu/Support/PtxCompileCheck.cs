using System.Collections.Concurrent;
using System.Reflection;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace Cortex.Hardware.Gpu.Support;

/// <summary>
/// Compiles a specialised kernel to PTX without a device, so the backend can tell before a run, on any machine, whether a
/// model's dynamics would compile for a real GPU. Results are cached per kernel method (one per model type and role).
/// </summary>
internal static class PtxCompileCheck
{
    private static readonly ConcurrentDictionary<MethodInfo, string?> Results = new();
    private static readonly Lock Gate = new();
    // A compile that fails leaves ILGPU's context unusable (every later compile then fails with a NullReferenceException),
    // so a failure discards it and the next compile makes a new one. Guarded by Gate.
    private static Context? _context;

    private static Context PtxContext => _context ??= Context.Create(builder => builder.Cuda().EnableAlgorithms());

    /// <summary>Null when every kernel compiles to PTX (sm_70); otherwise why the first that failed did not.</summary>
    public static string? Problem(params Delegate[] kernels)
    {
        foreach (var kernel in kernels)
            if (Results.GetOrAdd(kernel.Method, Compile) is { } problem) return problem;
        return null;
    }

    /// <summary>The PTX text of one kernel (tests look at it).</summary>
    public static string Ptx(Delegate kernel)
    {
        lock (Gate)
        {
            var arch = CudaArchitecture.SM_70;
            using var backend = new PTXBackend(PtxContext, new CudaCapabilityContext(arch), arch, CudaInstructionSet.ISA_70, nvvmAPI: null);
            var compiled = backend.Compile(EntryPointDescription.FromImplicitlyGroupedKernel(kernel.Method), new KernelSpecialization());
            return ((PTXCompiledKernel)compiled).PTXAssembly;
        }
    }

    private static string? Compile(MethodInfo method)
    {
        lock (Gate)
        {
            try
            {
                var arch = CudaArchitecture.SM_70;
                using var backend = new PTXBackend(PtxContext, new CudaCapabilityContext(arch), arch, CudaInstructionSet.ISA_70, nvvmAPI: null);
                backend.Compile(EntryPointDescription.FromImplicitlyGroupedKernel(method), new KernelSpecialization());
                return null;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Before any other compile can run on the broken context.
                _context?.Dispose();
                _context = null;
                var inner = e;
                while (inner.InnerException is not null) inner = inner.InnerException;
                return $"ILGPU cannot compile its {method.Name} kernel to PTX ({inner.Message.Split('\n')[0].Trim()})";
            }
        }
    }
}
