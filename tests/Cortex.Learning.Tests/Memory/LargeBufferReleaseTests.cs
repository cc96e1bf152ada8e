using System.Globalization;
using System.Runtime.InteropServices;
using Cortex.Learning.Memory;

namespace Cortex.Learning.Tests.Memory;

/// <summary>
/// Checks against the kernel's own map of the process (/proc/self/maps) that, once <see cref="LargeBufferRelease"/> is
/// applied, glibc serves a large block from a mapping of its own (freed with the block) even after a larger block was
/// freed, which with glibc's default dynamic threshold would have moved blocks of that size onto the heap.
/// </summary>
public sealed class LargeBufferReleaseTests
{
    [Fact]
    public void AfterApply_ALargeBlockGetsItsOwnMapping_EvenAfterALargerOneWasFreed()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.False(LargeBufferRelease.Apply());   // only glibc has the dynamic threshold
            return;
        }
        Assert.True(LargeBufferRelease.Apply());
        Assert.True(LargeBufferRelease.Apply());   // once per process; a second call changes nothing

        // By default, freeing this mapped 8 MiB block raises glibc's mmap threshold to 8 MiB (mallopt(3)).
        Marshal.FreeHGlobal(Marshal.AllocHGlobal(8 << 20));
        var block = Marshal.AllocHGlobal((5 << 20) + 4000);
        try
        {
            // A mapped chunk starts a mapping; its user pointer is two size words (16 bytes) past the chunk header.
            var chunk = (ulong)block - 16;
            Assert.True(MappingStartsAt(chunk), $"the 5 MiB block at 0x{(ulong)block:x} lies inside the heap, not in a mapping of its own");
        }
        finally
        {
            Marshal.FreeHGlobal(block);
        }
    }

    private static bool MappingStartsAt(ulong address) =>
        File.ReadLines("/proc/self/maps").Any(line =>
            ulong.TryParse(line.AsSpan(0, line.IndexOf('-', StringComparison.Ordinal)), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var start)
            && start == address);
}
