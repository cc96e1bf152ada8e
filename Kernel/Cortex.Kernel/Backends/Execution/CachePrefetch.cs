using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Cortex.Backends.Execution;

/// <summary>
/// Asks the CPU to start loading an array element it will need a few iterations later. A postsynaptic spike visits
/// its incoming synapses scattered over the synapse table; without a hint each visit waits for a cache miss.
/// A no-op where the instruction does not exist.
/// </summary>
internal static class CachePrefetch
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Element<T>(T[] array, int index)
        where T : unmanaged
    {
        if (Sse.IsSupported && (uint)index < (uint)array.Length)
            Sse.Prefetch0(Unsafe.AsPointer(ref array[index]));
    }
}
