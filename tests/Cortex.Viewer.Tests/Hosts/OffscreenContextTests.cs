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
}
