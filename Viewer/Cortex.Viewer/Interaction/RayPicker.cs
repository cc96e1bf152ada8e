using System.Numerics;

namespace Cortex.Viewer.Interaction;

/// <summary>
/// Finds the point nearest a picking ray (the ray from the camera through the clicked pixel) among points within a
/// radius measured in screen pixels: what a click on a drawn point should select.
/// </summary>
/// <remarks>
/// A point at distance <c>t</c> along the ray and <c>d</c> off it appears <c>f · d / t</c> pixels from the click, where
/// <c>f</c> is the focal length in pixels (<c>height / (2 tan(fovY / 2))</c>) — exact at the image centre, and within
/// the radius's own tolerance near the edges for the fields of view a viewer uses. The point with the smallest
/// apparent distance wins; among equals the one in front. Points behind the camera are never picked.
/// A linear scan: about 3 ms per million points, paid once per click.
/// </remarks>
public static class RayPicker
{
    /// <summary>The focal length in pixels of a perspective camera with vertical field of view <paramref name="fovYRadians"/>.</summary>
    public static float FocalPixels(float fovYRadians, int heightPixels)
    {
        if (!(fovYRadians > 0 && fovYRadians < MathF.PI)) throw new ArgumentOutOfRangeException(nameof(fovYRadians), fovYRadians, "must be in (0, π)");
        if (heightPixels <= 0) throw new ArgumentOutOfRangeException(nameof(heightPixels), heightPixels, "must be > 0");
        return heightPixels / (2 * MathF.Tan(fovYRadians / 2));
    }

    /// <summary>
    /// The index of the point nearest the ray on screen within <paramref name="radiusPixels"/>, or -1 when none is.
    /// </summary>
    /// <param name="origin">The ray's origin (the camera's eye).</param>
    /// <param name="direction">The ray's direction (normalised here).</param>
    /// <param name="points">The candidates.</param>
    /// <param name="radiusPixels">How far from the click, in pixels, a point may appear and still be picked.</param>
    /// <param name="focalPixels">The camera's focal length in pixels (<see cref="FocalPixels"/>).</param>
    public static int Nearest(Vector3 origin, Vector3 direction, ReadOnlySpan<Vector3> points, float radiusPixels, float focalPixels)
    {
        if (!(radiusPixels >= 0)) throw new ArgumentOutOfRangeException(nameof(radiusPixels), radiusPixels, "must be >= 0");
        if (!(focalPixels > 0)) throw new ArgumentOutOfRangeException(nameof(focalPixels), focalPixels, "must be > 0");
        var length = direction.Length();
        if (!(length > 0)) throw new ArgumentException("the ray needs a direction", nameof(direction));
        var unit = direction / length;
        // Compare tan(angle) = d / t against the radius's tangent, without dividing per point: d² ≤ (r/f)² t².
        var limit = radiusPixels / focalPixels;
        var limitSquared = limit * limit;
        var best = -1;
        var bestTangentSquared = float.PositiveInfinity;
        var bestDepth = float.PositiveInfinity;
        for (var i = 0; i < points.Length; i++)
        {
            var offset = points[i] - origin;
            var t = Vector3.Dot(offset, unit);
            if (!(t > 0)) continue;
            var dSquared = MathF.Max(0, offset.LengthSquared() - t * t);
            var tSquared = t * t;
            if (dSquared > limitSquared * tSquared) continue;
            var tangentSquared = dSquared / tSquared;
            if (tangentSquared < bestTangentSquared || (tangentSquared == bestTangentSquared && t < bestDepth))
            {
                best = i;
                bestTangentSquared = tangentSquared;
                bestDepth = t;
            }
        }
        return best;
    }
}
