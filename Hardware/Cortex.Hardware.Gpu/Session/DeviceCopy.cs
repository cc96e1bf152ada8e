using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;

namespace Cortex.Hardware.Gpu.Session;

/// <summary>Synchronous copies between host spans and device views (on the accelerator's default stream).</summary>
internal static class DeviceCopy
{
    /// <summary>Copies <paramref name="source"/> into the start of <paramref name="target"/>.</summary>
    public static void Upload<T>(ArrayView<T> target, ReadOnlySpan<T> source) where T : unmanaged
    {
        if (source.IsEmpty) return;
        ((ArrayView1D<T, Stride1D.Dense>)target.SubView(0, source.Length)).CopyFromCPU(ref MemoryMarshal.GetReference(source), source.Length);
    }

    /// <summary>Copies the start of <paramref name="source"/> into <paramref name="target"/>.</summary>
    public static void Download<T>(ArrayView<T> source, Span<T> target) where T : unmanaged
    {
        if (target.IsEmpty) return;
        ((ArrayView1D<T, Stride1D.Dense>)source.SubView(0, target.Length)).CopyToCPU(ref MemoryMarshal.GetReference(target), target.Length);
    }

    /// <summary>The whole view as a new host array.</summary>
    public static T[] ToArray<T>(ArrayView<T> source) where T : unmanaged
    {
        var result = new T[source.Length];
        Download(source, result);
        return result;
    }
}
