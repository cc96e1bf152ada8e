using Xunit;

namespace Cortex.Host.Tests.View;

/// <summary>Everything that keeps <c>cortex view</c> from showing something is one <c>error:</c> line and exit code 2.</summary>
public sealed class ViewBadInputTests
{
    [Fact]
    public void AMissingRecording_IsNamed_BeforeAnyWindowOpens()
    {
        using var dir = new TempDirectory();
        var missing = Path.Combine(dir.Path, "never-recorded");
        var result = Cli.Run("view", missing);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains(missing, line, StringComparison.Ordinal);
        Assert.Contains("cortex run", line, StringComparison.Ordinal);
    }

    [Fact]
    public void ATruncatedSpikeFile_IsOneLine()
    {
        using var dir = new TempDirectory();
        var recording = Path.Combine(dir.Path, "rec");
        TinyRecording.Write(recording);
        var spikes = Path.Combine(recording, "spikes.parquet");
        var bytes = File.ReadAllBytes(spikes);
        File.WriteAllBytes(spikes, bytes[..(bytes.Length / 2)]);
        var result = Cli.Run("view", recording);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("spikes.parquet", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--size", "10x10", "--size must be WIDTHxHEIGHT")]
    [InlineData("--frames", "0", "--frames must be >= 1")]
    [InlineData("--decay", "3 mV", "--decay: expected a time")]
    [InlineData("--camera", "yaw=left", "camera: yaw must be a number")]
    [InlineData("--pick", "12", "--pick must be X,Y")]
    public void BadOptions_AreOneLine(string option, string value, string expected)
    {
        using var dir = new TempDirectory();
        var recording = Path.Combine(dir.Path, "rec");
        TinyRecording.Write(recording);
        var result = Cli.Run("view", recording, option, value);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(expected, Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void ABadCameraPath_NamesTheFileAndTheKeyframe()
    {
        using var dir = new TempDirectory();
        var recording = Path.Combine(dir.Path, "rec");
        TinyRecording.Write(recording);
        var path = dir.Write("path.json", """{"keyframes": [{"time": 0, "yaw": 0, "pitch": 120, "distance": 100}]}""");
        var result = Cli.Run("view", recording, "--camera-path", path);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains(path, line, StringComparison.Ordinal);
        Assert.Contains("keyframes[0].pitch", line, StringComparison.Ordinal);
    }

    [Fact]
    public void NeitherARecordingNorLive_OrBoth_IsOneLine()
    {
        Assert.Equal(ExitCodes.BadInput, Cli.Run("view").ExitCode);
        using var dir = new TempDirectory();
        var both = Cli.Run("view", dir.Path, "--live", dir.Write("s.json", Specs.Small()));
        Assert.Equal(ExitCodes.BadInput, both.ExitCode);
        Assert.Contains("not both", Assert.Single(both.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void NoDisplay_SaysToUseXvfbRunOrCortexRender()
    {
        using var dir = new TempDirectory();
        var recording = Path.Combine(dir.Path, "rec");
        TinyRecording.Write(recording);
        var result = CortexProcess.Run(false, new Dictionary<string, string?> { ["DISPLAY"] = null, ["WAYLAND_DISPLAY"] = null }, "view", recording, "--frames", "1");
        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("cortex render", line, StringComparison.Ordinal);
        // With GLFW installed the display is what is missing; without it, GLFW is (and the line says how to install it).
        Assert.Contains(WindowTools.GlfwInstalled() ? "xvfb-run" : "libglfw3", line, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingGlfwLibrary_SaysHowToInstallIt()
    {
        using var dir = new TempDirectory();
        var recording = Path.Combine(dir.Path, "rec");
        TinyRecording.Write(recording);
        var result = CortexProcess.Run(false, new Dictionary<string, string?> { ["CORTEX_GLFW_LIBRARY"] = "/nonexistent/libglfw.so.3" }, "view", recording, "--frames", "1");
        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("apt-get install libglfw3", line, StringComparison.Ordinal);
    }
}
