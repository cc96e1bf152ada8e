using System.Numerics;
using Cortex.Viewer.Scene;
using Cortex.Viewer.Tests.Support;
using Xunit;

namespace Cortex.Viewer.Tests.Scene;

public class OrbitCameraTests
{
    [Theory]
    [InlineData(0f, 0f, 0f)]
    [InlineData(120f, 50f, -80f)]
    [InlineData(-300f, -200f, 150f)]
    public void ProjectionMatchesThePinholeModel(float x, float y, float z)
    {
        var camera = new OrbitCamera { Target = new Vector3(10, 20, 30), Distance = 1000, FieldOfViewDegrees = 40 };
        var point = new Vector3(x, y, z);
        var pixel = camera.ProjectToPixel(camera.Target + point, 320, 180);
        var expected = TinyScenes.PinholePixel(point, 1000, 40, 320, 180);
        Assert.Equal(expected.X, pixel.X, 0.01f);
        Assert.Equal(expected.Y, pixel.Y, 0.01f);
    }

    [Fact]
    public void YawNinetyLooksFromPlusXWithPlusYOnTheRight()
    {
        var camera = new OrbitCamera { Distance = 500, YawDegrees = 90 };
        Assert.Equal(500, camera.Eye.X, 0.01f);
        var pixel = camera.ProjectToPixel(new Vector3(0, 100, 0), 200, 100);
        Assert.True(pixel.X > 100, $"{pixel}");
        Assert.Equal(50, pixel.Y, 0.01f);
    }

    [Fact]
    public void TheRayThroughAPointsPixelPassesThroughThePoint()
    {
        var camera = new OrbitCamera { Target = new Vector3(5, -3, 2), Distance = 800, YawDegrees = -35, PitchDegrees = 22 };
        var point = new Vector3(60, -40, 90);
        var pixel = camera.ProjectToPixel(point, 640, 360);
        var (origin, direction) = camera.RayThroughPixel(pixel, 640, 360);
        var toPoint = point - origin;
        var distanceFromRay = (toPoint - Vector3.Dot(toPoint, direction) * direction).Length();
        Assert.True(distanceFromRay < 0.05f, $"{distanceFromRay} µm from the ray");
        Assert.Equal(1f, direction.Length(), 1e-4f);
    }

    [Fact]
    public void TheTextFormRoundTripsAndLeftOutFieldsKeepTheDefaults()
    {
        var camera = new OrbitCamera { Target = new Vector3(1.5f, -2, 3), Distance = 1234.5f, YawDegrees = 33, PitchDegrees = -12, FieldOfViewDegrees = 50 };
        var back = OrbitCamera.Parse(camera.ToString());
        Assert.Equal(camera.ToString(), back.ToString());
        var partial = OrbitCamera.Parse("yaw=90, pitch=10", camera);
        Assert.Equal(90, partial.YawDegrees);
        Assert.Equal(10, partial.PitchDegrees);
        Assert.Equal(camera.Distance, partial.Distance);
        Assert.Equal(camera.Target, partial.Target);
    }

    [Theory]
    [InlineData("zoom=2", "unknown key 'zoom'")]
    [InlineData("yaw=left", "yaw must be a number")]
    [InlineData("distance=-5", "distance must be > 0")]
    [InlineData("target=1;2", "target must be x;y;z")]
    public void BadTextNamesTheField(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => OrbitCamera.Parse(text));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FramingShowsEveryNeuron()
    {
        var scene = TinyScenes.Of([new Vector3(-5000, 0, 0), new Vector3(5000, 2000, 0)], [new Vector3(0, -3000, 4000), new Vector3(0, 0, -4000)]);
        var camera = OrbitCamera.Framing(scene, 16f / 9);
        for (var i = 0; i < scene.NeuronCount; i++)
        {
            var pixel = camera.ProjectToPixel(scene.Position(i), 1280, 720);
            Assert.InRange(pixel.X, 0, 1280);
            Assert.InRange(pixel.Y, 0, 720);
        }
    }
}
