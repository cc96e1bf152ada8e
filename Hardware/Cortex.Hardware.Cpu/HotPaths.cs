using System.Reflection;
using System.Runtime.CompilerServices;

namespace Cortex.Hardware.Cpu;

/// <summary>
/// The backend's per-step methods are [AggressiveOptimization], so the JIT compiles them fully optimised at their first
/// call; without this, that first call is step 0 and about a dozen methods compile inside the simulation's clock (10–20 ms
/// of a short run). The first session compiles them while it is built instead, as it does for the neuron kernels' loops.
/// </summary>
internal static class HotPaths
{
    private static readonly Lazy<int> Compiled = new(CompileAll);

    /// <summary>Compiles every non-generic [AggressiveOptimization] method of this assembly, once per process.</summary>
    /// <returns>How many methods were compiled.</returns>
    public static int EnsureCompiled() => Compiled.Value;

    /// <summary>True for the methods <see cref="EnsureCompiled"/> compiles: concrete, non-generic and [AggressiveOptimization].</summary>
    public static bool IsCompiledAhead(MethodInfo method) =>
        !method.IsAbstract && !method.ContainsGenericParameters && method.DeclaringType is { ContainsGenericParameters: false }
        && (method.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0;

    private static int CompileAll()
    {
        const BindingFlags Declared = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var count = 0;
        foreach (var type in typeof(HotPaths).Assembly.GetTypes())
        {
            // Generic code is compiled per instantiation by its owner (LaneNeuronKernel, CompactSynapses), which knows the type arguments.
            if (type.ContainsGenericParameters) continue;
            foreach (var method in type.GetMethods(Declared).Where(IsCompiledAhead))
            {
                RuntimeHelpers.PrepareMethod(method.MethodHandle);
                count++;
            }
        }
        return count;
    }
}
