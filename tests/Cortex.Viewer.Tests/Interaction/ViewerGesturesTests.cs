using System.Numerics;
using Cortex.Viewer.Interaction;
using Cortex.Viewer.Scene;
using Xunit;

namespace Cortex.Viewer.Tests.Interaction;

public sealed class ViewerGesturesTests
{
    private const int Width = 640;
    private const int Height = 480;

    private static OrbitCamera StartCamera() => new() { Target = new Vector3(10, 20, 30), Distance = 1000, YawDegrees = 20, PitchDegrees = 15 };

    private static ViewerGestures Create(out List<Vector2> clicks)
    {
        var gestures = new ViewerGestures(StartCamera(), new PlaybackClock(1000, 100), StartCamera, Width, Height);
        var list = new List<Vector2>();
        gestures.Clicked += list.Add;
        clicks = list;
        return gestures;
    }

    [Fact]
    public void ALeftClickWithoutDrag_Picks_AndLeavesTheCameraAlone()
    {
        var g = Create(out var clicks);
        g.PointerDown(PointerButton.Left, new Vector2(100, 200), shift: false);
        g.PointerMoved(new Vector2(102, 201)); // a tremor, under the click tolerance
        g.PointerUp(PointerButton.Left, new Vector2(102, 201));
        Assert.Equal([new Vector2(102, 201)], clicks);
        Assert.Equal(20, g.Camera.YawDegrees);
        Assert.Equal(15, g.Camera.PitchDegrees);
    }

    [Fact]
    public void ALeftDrag_Orbits_ByTheDraggedPixels_AndDoesNotPick()
    {
        var g = Create(out var clicks);
        g.PointerDown(PointerButton.Left, new Vector2(100, 100), shift: false);
        g.PointerMoved(new Vector2(150, 100));
        g.PointerMoved(new Vector2(200, 120));
        g.PointerUp(PointerButton.Left, new Vector2(200, 120));
        Assert.Empty(clicks);
        Assert.Equal(20 - 100 * ViewerGestures.DegreesPerPixel, g.Camera.YawDegrees, 3);
        Assert.Equal(15 + 20 * ViewerGestures.DegreesPerPixel, g.Camera.PitchDegrees, 3);
        Assert.Equal(new Vector3(10, 20, 30), g.Camera.Target);
    }

    [Theory]
    [InlineData(PointerButton.Right, false)]
    [InlineData(PointerButton.Middle, false)]
    [InlineData(PointerButton.Left, true)]
    public void APanDrag_KeepsThePointUnderTheCursorUnderIt(PointerButton button, bool shift)
    {
        var g = Create(out var clicks);
        var grabbed = g.Camera.Target; // at the target's depth the pan is exact
        var start = g.Camera.ProjectToPixel(grabbed, Width, Height);
        var end = start + new Vector2(-80, 45);
        g.PointerDown(button, start, shift);
        g.PointerMoved(start + new Vector2(-40, 20));
        g.PointerMoved(end);
        g.PointerUp(button, end);
        Assert.Empty(clicks);
        var now = g.Camera.ProjectToPixel(grabbed, Width, Height);
        Assert.InRange(Vector2.Distance(now, end), 0, 0.05f);
        Assert.Equal(20, g.Camera.YawDegrees);
        Assert.Equal(1000, g.Camera.Distance);
    }

    [Fact]
    public void TheWheel_ZoomsGeometrically()
    {
        var g = Create(out _);
        g.Scrolled(2);
        Assert.Equal(1000 * ViewerGestures.ZoomPerNotch * ViewerGestures.ZoomPerNotch, g.Camera.Distance, 2);
        g.Scrolled(-2);
        Assert.Equal(1000, g.Camera.Distance, 2);
    }

    [Fact]
    public void Keys_DriveTheClock_ResetTheCamera_AndClose()
    {
        var g = Create(out _);
        var closed = 0;
        g.CloseRequested += () => closed++;
        g.KeyPressed(ViewerKey.PlayPause);
        Assert.False(g.Clock.Playing);
        g.KeyPressed(ViewerKey.Faster);
        Assert.Equal(200, g.Clock.SpeedMsPerSecond);
        g.Scrolled(3);
        g.PointerDown(PointerButton.Left, new Vector2(10, 10), false);
        g.PointerMoved(new Vector2(90, 50));
        g.PointerUp(PointerButton.Left, new Vector2(90, 50));
        g.KeyPressed(ViewerKey.ResetCamera);
        Assert.Equal(StartCamera().ToString(), g.Camera.ToString());
        g.KeyPressed(ViewerKey.Close);
        Assert.Equal(1, closed);
    }
}
