using System.Runtime.InteropServices;

namespace Cortex.Learning.Memory;

/// <summary>
/// Makes glibc give every large tensor buffer its own memory mapping, returned to the system when the tensor is
/// freed. By default glibc raises its mmap threshold each time such a mapping is freed (up to 32 MiB), so from the
/// second training step on, libtorch's activation and gradient buffers come from the malloc heaps instead; each
/// step frees and allocates them again in a different order and size mix, the heaps fragment, and the process's
/// resident memory climbs step after step although no tensor is leaked (fashion_t8.json: 2.6 GiB after step 1,
/// 7 GiB after step 6). Fixing the threshold (mallopt(3), M_MMAP_THRESHOLD) turns that dynamic adjustment off.
/// </summary>
public static class LargeBufferRelease
{
    /// <summary>
    /// Blocks at least this large are mapped on their own: glibc's default starting threshold, which keeps small
    /// tensors (scalars, per-channel statistics) on the fast heap.
    /// </summary>
    public const int ThresholdBytes = 128 * 1024;

    private const int MmapThresholdOption = -3;   // M_MMAP_THRESHOLD in glibc's malloc.h
    private static readonly Lock Gate = new();
    private static bool? _applied;

    /// <summary>
    /// Applies the fixed threshold once per process; true when it is in force. False where the C library is not
    /// glibc (musl, macOS, Windows), whose allocators do not have this dynamic threshold.
    /// </summary>
    public static bool Apply()
    {
        lock (Gate)
        {
            _applied ??= OperatingSystem.IsLinux() && TrySetThreshold();
            return _applied.Value;
        }
    }

    private static bool TrySetThreshold()
    {
        try
        {
            return Mallopt(MmapThresholdOption, ThresholdBytes) == 1;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int Mallopt(int option, int value);
}
