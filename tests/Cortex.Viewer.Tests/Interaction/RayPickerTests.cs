using System.Numerics;
using Cortex.Viewer.Interaction;
using Xunit;

namespace Cortex.Viewer.Tests.Interaction;

/// <summary>
/// The picker against an independent camera: System.Numerics' look-at and perspective matrices project points to
/// pixels, and the picking ray is unprojected through the inverse of the same matrices.
/// </summary>
public sealed class RayPickerTests
{
    private const int Width = 800;
    private const int Height = 600;
    private const float FovY = MathF.PI / 4;
    private static readonly Vector3 Eye = new(0, 0, 1000);
    private static readonly Matrix4x4 View = Matrix4x4.CreateLookAt(Eye, Vector3.Zero, Vector3.UnitY);
    private static readonly Matrix4x4 Projection = Matrix4x4.CreatePerspectiveFieldOfView(FovY, (float)Width / Height, 1, 10_000);

    private static Vector2 ToPixel(Vector3 point)
    {
        var clip = Vector4.Transform(new Vector4(point, 1), View * Projection);
        var ndc = new Vector3(clip.X, clip.Y, clip.Z) / clip.W;
        return new Vector2((ndc.X + 1) / 2 * Width, (1 - ndc.Y) / 2 * Height);
    }

    private static (Vector3 Origin, Vector3 Direction) RayThrough(Vector2 pixel)
    {
        Matrix4x4.Invert(View * Projection, out var inverse);
        var ndc = new Vector2(pixel.X / Width * 2 - 1, 1 - pixel.Y / Height * 2);
        var near = Vector4.Transform(new Vector4(ndc, 0, 1), inverse);
        var far = Vector4.Transform(new Vector4(ndc, 1, 1), inverse);
        var a = new Vector3(near.X, near.Y, near.Z) / near.W;
        var b = new Vector3(far.X, far.Y, far.Z) / far.W;
        return (a, b - a);
    }

    private static float Focal => RayPicker.FocalPixels(FovY, Height);

    [Fact]
    public void ClickingOnAPoint_PicksIt_AmongOthers()
    {
        Vector3[] points = [new(-200, 50, 0), new(100, -80, 100), new(0, 0, -300), new(250, 200, 50)];
        for (var i = 0; i < points.Length; i++)
        {
            var (origin, direction) = RayThrough(ToPixel(points[i]));
            Assert.Equal(i, RayPicker.Nearest(origin, direction, points, radiusPixels: 6, Focal));
        }
    }

    [Fact]
    public void APointJustInsideThePixelRadius_IsPicked_AndJustOutside_IsNot()
    {
        Vector3[] points = [new(30, 20, 0)];
        var pixel = ToPixel(points[0]);
        var (o1, d1) = RayThrough(pixel + new Vector2(5.5f, 0));
        Assert.Equal(0, RayPicker.Nearest(o1, d1, points, radiusPixels: 6, Focal));
        var (o2, d2) = RayThrough(pixel + new Vector2(0, 6.5f));
        Assert.Equal(-1, RayPicker.Nearest(o2, d2, points, radiusPixels: 6, Focal));
    }

    [Fact]
    public void OfTwoPointsOnTheSameLineOfSight_TheOneInFrontWins()
    {
        var direction = Vector3.Normalize(new Vector3(40, -30, 0) - Eye);
        Vector3[] points = [Eye + direction * 1500, Eye + direction * 800, Eye + direction * 1200];
        var (origin, ray) = RayThrough(ToPixel(points[1]));
        Assert.Equal(1, RayPicker.Nearest(origin, ray, points, radiusPixels: 4, Focal));
    }

    [Fact]
    public void ThePointNearestTheClickOnScreen_Wins_NotTheNearestInSpace()
    {
        // A far point 1 px from the click and a near point 3 px away: the click was aimed at the far one.
        var click = new Vector2(400, 300);
        var (origin, ray) = RayThrough(click);
        var far = Unproject(click + new Vector2(1, 0), 3000);
        var near = Unproject(click + new Vector2(3, 0), 300);
        Assert.Equal(0, RayPicker.Nearest(origin, ray, [far, near], radiusPixels: 6, Focal));
    }

    [Fact]
    public void PointsBehindTheCamera_AreNeverPicked()
    {
        var (origin, ray) = RayThrough(new Vector2(400, 300));
        Vector3[] behind = [Eye + new Vector3(0, 0, 500)];
        Assert.Equal(-1, RayPicker.Nearest(origin, ray, behind, radiusPixels: 50, Focal));
    }

    // The point at distance 'depth' from the eye seen at 'pixel'.
    private static Vector3 Unproject(Vector2 pixel, float depth)
    {
        var (_, direction) = RayThrough(pixel);
        var unit = Vector3.Normalize(direction);
        var along = Vector3.Normalize(-Eye); // the camera looks at the origin
        return Eye + unit * (depth / Vector3.Dot(unit, along));
    }
}
