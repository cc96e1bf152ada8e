using Cortex.Recording;
using Xunit;

namespace Cortex.Tests.Recording;

/// <summary>
/// The stream Parquet parts are written through completes async writes and flushes before returning, on the caller's
/// thread (no pool work item per page), and reports the inner stream's failure through the returned task.
/// </summary>
public sealed class SynchronousWriteStreamTests
{
    [Fact]
    public void Async_writes_and_flushes_are_done_when_they_return()
    {
        var inner = new MemoryStream();
        using var stream = new SynchronousWriteStream(inner);

        var write = stream.WriteAsync(new byte[] { 1, 2, 3 }.AsMemory());
        var arrayWrite = stream.WriteAsync([4, 5], 0, 2);
        var flush = stream.FlushAsync();

        Assert.True(write.IsCompletedSuccessfully);
        Assert.True(arrayWrite.IsCompletedSuccessfully);
        Assert.True(flush.IsCompletedSuccessfully);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, inner.ToArray());
    }

    [Fact]
    public async Task A_failing_write_faults_the_returned_task_with_the_inner_error()
    {
        using var stream = new SynchronousWriteStream(new MemoryStream([], writable: false));

        var write = stream.WriteAsync(new byte[] { 1 }.AsMemory());

        Assert.True(write.IsFaulted);
        await Assert.ThrowsAsync<NotSupportedException>(async () => await write);
    }

    [Fact]
    public async Task Reads_pass_through()
    {
        using var stream = new SynchronousWriteStream(new MemoryStream([7, 8, 9]));
        var buffer = new byte[3];

        var read = await stream.ReadAsync(buffer.AsMemory());

        Assert.Equal(3, read);
        Assert.Equal(new byte[] { 7, 8, 9 }, buffer);
    }
}
