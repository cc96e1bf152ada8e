using System.Runtime.InteropServices;
using Cortex.Learning.Memory;

namespace Cortex.Learning.Tests.Memory;

/// <summary>
/// glibc keeps freed heap blocks that lie below a block still in use; <see cref="FreedMemoryRelease"/> must reach
/// malloc_trim(3), which reports whether it handed pages back to the system.
/// </summary>
public sealed class FreedMemoryReleaseTests
{
    [Fact]
    public void ReturnFreePages_ReleasesHeapBlocksThatFreeAloneKeeps()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.False(FreedMemoryRelease.ReturnFreePages());   // only glibc's heaps are trimmed
            return;
        }
        // 64 KiB blocks stay below glibc's smallest mmap threshold (128 KiB), so they come from this thread's heap;
        // written, their pages are resident. The last block stays allocated, so free() cannot shrink the heap's top
        // past the others.
        var blocks = Enumerable.Range(0, 257).Select(_ => Marshal.AllocHGlobal(64 << 10)).ToArray();
        try
        {
            foreach (var block in blocks)
            {
                for (var offset = 0; offset < 64 << 10; offset += 4096) Marshal.WriteByte(block, offset, 1);
            }
            foreach (var block in blocks[..^1]) Marshal.FreeHGlobal(block);
            Assert.True(FreedMemoryRelease.ReturnFreePages(), "malloc_trim released nothing after 16 MiB of heap blocks were freed");
        }
        finally
        {
            Marshal.FreeHGlobal(blocks[^1]);
        }
    }
}
