using Cortex.Viewer.Hosts;
using Cortex.Viewer.Tests.Support;
using Xunit;

namespace Cortex.Viewer.Tests.Hosts;

public class OffscreenContextTests
{
    [Fact]
    public void NoEglLibraryGivesOneLineSayingWhatToInstall()
    {
        var e = Assert.Throws<ViewerUnavailableException>(() => OffscreenContext.Create(8, 8, 0, eglLibrary: "libEGL-missing-for-test.so.1"));
        Assert.Contains("no EGL library (libEGL-missing-for-test.so.1)", e.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install libegl1", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [GlFact]
    public void TheContextIsOpenGl33CoreOrLater()
    {
        using var context = OffscreenContext.Create(8, 8);
        context.Gl.GetInteger(Silk.NET.OpenGL.GetPName.MajorVersion, out var major);
        context.Gl.GetInteger(Silk.NET.OpenGL.GetPName.MinorVersion, out var minor);
        Assert.True(major * 10 + minor >= 33, $"{major}.{minor} ({context.Version})");
        Assert.Equal(8 * 8 * 4, context.ReadPixels().Length);
    }

    /// <summary>
    /// Contexts on different threads share the process's one EGL display: closing one while another renders must leave
    /// the other working (it used to terminate the display under it, and Mesa crashed the test host).
    /// </summary>
    [GlFact]
    public void ClosingOneContextLeavesAContextOnAnotherThreadRendering()
    {
        using var survivorReady = new ManualResetEventSlim();
        using var otherClosed = new ManualResetEventSlim();
        byte[]? pixel = null;
        var survivor = new Thread(() =>
        {
            using var context = OffscreenContext.Create(4, 4);
            survivorReady.Set();
            otherClosed.Wait();
            context.Gl.ClearColor(1f, 0f, 0f, 1f);
            context.Gl.Clear(Silk.NET.OpenGL.ClearBufferMask.ColorBufferBit);
            pixel = context.ReadPixels()[..4];
        });
        survivor.Start();
        survivorReady.Wait();
        var closer = new Thread(() =>
        {
            using var context = OffscreenContext.Create(4, 4);
        });
        closer.Start();
        closer.Join();
        otherClosed.Set();
        survivor.Join();
        Assert.Equal(new byte[] { 255, 0, 0, 255 }, pixel);
    }
}
