using System.Numerics;
using Cortex.Recording;
using Cortex.Viewer.Scene;

namespace Cortex.Viewer.Tests.Support;

/// <summary>Scenes of a few neurons at chosen points, and the pinhole camera model the tests compute pixels with by hand.</summary>
internal static class TinyScenes
{
    /// <summary>One population per group of points, named p0, p1, …, positions from the spec.</summary>
    public static BrainScene Of(params Vector3[][] groups) => new(new NeuronLayout(
        [.. groups.Select((points, i) => new PopulationLayout($"p{i}", PositionSource.Spec, [.. points.SelectMany(p => new[] { p.X, p.Y, p.Z })]))],
        []));

    /// <summary>
    /// Where a point lands for a camera at yaw 0, pitch 0 (eye on −y of the target, looking along +y, z up), by the
    /// pinhole model: focal length f = (H/2) / tan(fov/2) pixels; column = W/2 + f·x/depth, row = H/2 − f·z/depth.
    /// </summary>
    public static Vector2 PinholePixel(Vector3 relativeToTarget, float distance, float fovDegrees, int width, int height)
    {
        var f = height / 2.0 / Math.Tan(fovDegrees * Math.PI / 360);
        var depth = distance + relativeToTarget.Y;
        return new Vector2((float)(width / 2.0 + f * relativeToTarget.X / depth), (float)(height / 2.0 - f * relativeToTarget.Z / depth));
    }

    /// <summary>RGB of pixel (column, row from the top) in GL read-back bytes (bottom row first).</summary>
    public static (int R, int G, int B) Pixel(byte[] rgbaBottomUp, int width, int height, int column, int row)
    {
        var i = ((height - 1 - row) * width + column) * 4;
        return (rgbaBottomUp[i], rgbaBottomUp[i + 1], rgbaBottomUp[i + 2]);
    }

    /// <summary>The intensity-weighted centre (column, row from the top, pixel centres at +0.5) of pixels brighter than the threshold.</summary>
    public static Vector2 BrightCentroid(byte[] rgbaBottomUp, int width, int height, int threshold)
    {
        double sx = 0, sy = 0, sw = 0;
        for (var row = 0; row < height; row++)
        {
            for (var column = 0; column < width; column++)
            {
                var (r, g, b) = Pixel(rgbaBottomUp, width, height, column, row);
                var w = r + g + b;
                if (w <= threshold) continue;
                sx += w * (column + 0.5);
                sy += w * (row + 0.5);
                sw += w;
            }
        }
        return sw == 0 ? new Vector2(float.NaN) : new Vector2((float)(sx / sw), (float)(sy / sw));
    }
}
