using System.Numerics;
using Cortex.Viewer.Interaction;
using Xunit;

namespace Cortex.Viewer.Tests.Interaction;

public sealed class CameraPathTests
{
    private const string TwoKeyframes = """
        {"keyframes": [
          {"time": 0, "yaw": 0, "pitch": 10, "distance": 100, "target": [0, 0, 0]},
          {"time": 2, "yaw": 90, "pitch": 30, "distance": 400, "target": [10, 20, 30]}
        ]}
        """;

    [Fact]
    public void Midway_YawAndPitchAreLinear_DistanceIsGeometric()
    {
        var path = CameraPath.Parse(TwoKeyframes);
        var mid = path.At(1);
        Assert.Equal(45, mid.YawDegrees, 12);
        Assert.Equal(20, mid.PitchDegrees, 12);
        Assert.Equal(200, mid.DistanceUm, 9); // √(100 · 400)
        Assert.Equal(new Vector3(5, 10, 15), mid.TargetUm);
        var quarter = path.At(0.5);
        Assert.Equal(22.5, quarter.YawDegrees, 12);
        Assert.Equal(100 * Math.Pow(4, 0.25), quarter.DistanceUm, 9);
    }

    [Fact]
    public void BeforeTheFirstAndAfterTheLastKeyframe_ThePoseIsHeld()
    {
        var path = CameraPath.Parse(TwoKeyframes);
        Assert.Equal(0, path.At(-1).YawDegrees);
        Assert.Equal(90, path.At(10).YawDegrees);
        Assert.Equal(400, path.At(10).DistanceUm);
        Assert.Equal(2, path.DurationSeconds);
    }

    [Theory]
    [InlineData("""{"keyframes": []}""", "at least one keyframe")]
    [InlineData("""{"frames": []}""", "keyframes: expected an object")]
    [InlineData("""{"keyframes": [{"time": 0, "yaw": 0, "pitch": 0}]}""", "keyframes[0].distance: missing")]
    [InlineData("""{"keyframes": [{"time": 0, "yaw": "a", "pitch": 0, "distance": 1}]}""", "keyframes[0].yaw: expected a number")]
    [InlineData("""{"keyframes": [{"time": 1, "yaw": 0, "pitch": 0, "distance": 1}, {"time": 1, "yaw": 0, "pitch": 0, "distance": 1}]}""", "keyframes[1].time: must be after")]
    [InlineData("""{"keyframes": [{"time": 0, "yaw": 0, "pitch": 95, "distance": 1}]}""", "keyframes[0].pitch")]
    [InlineData("""{"keyframes": [{"time": 0, "yaw": 0, "pitch": 0, "distance": 0}]}""", "keyframes[0].distance")]
    [InlineData("""{"keyframes": [{"time": 0, "yaw": 0, "pitch": 0, "distance": 1, "zoom": 2}]}""", "keyframes[0].zoom: unknown field")]
    [InlineData("""{"keyframes": [{"time": 0, "yaw": 0, "pitch": 0, "distance": 1, "target": [1, 2]}]}""", "keyframes[0].target")]
    [InlineData("{", "not valid JSON")]
    public void BadPaths_NameTheJsonPathOfTheProblem(string json, string expected)
    {
        var e = Assert.Throws<CameraPathException>(() => CameraPath.Parse(json));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFile_IsNamed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-camera-{Guid.NewGuid():N}.json");
        var e = Assert.Throws<CameraPathException>(() => CameraPath.Load(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }
}
