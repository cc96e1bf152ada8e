using System.Numerics;
using Cortex.Viewer.Scene;

namespace Cortex.Viewer.Rendering;

/// <summary>
/// Projection bundles as faint curved lines between region centres: quadratic Bézier curves bowed towards the
/// scene's centre (as tracts run through the white matter), coloured from source to target region, the strongest first.
/// </summary>
internal static class BundleGeometry
{
    /// <summary>At most this many bundles are drawn (the strongest), so a dense connectome stays legible.</summary>
    public const int MaxBundles = 250;

    private const int Segments = 24;

    /// <summary>Line-list vertices: x, y, z, r, g, b, a.</summary>
    public static float[] Build(BrainScene scene)
    {
        var bundles = scene.Bundles.Take(MaxBundles).ToList();
        var vertices = new float[bundles.Count * Segments * 2 * 7];
        var v = 0;
        var centre = scene.Centre;
        foreach (var bundle in bundles)
        {
            var a = scene.Regions[bundle.From];
            var b = scene.Regions[bundle.To];
            var mid = (a.Centre + b.Centre) / 2;
            var control = Vector3.Lerp(mid, centre, 0.45f);
            var alpha = 0.03f + 0.17f * MathF.Sqrt(bundle.Weight);
            for (var s = 0; s < Segments; s++)
            {
                for (var end = 0; end < 2; end++)
                {
                    var t = (s + end) / (float)Segments;
                    var p = (1 - t) * (1 - t) * a.Centre + 2 * (1 - t) * t * control + t * t * b.Centre;
                    var c = Vector3.Lerp(a.Colour, b.Colour, t);
                    vertices[v++] = p.X; vertices[v++] = p.Y; vertices[v++] = p.Z;
                    vertices[v++] = c.X; vertices[v++] = c.Y; vertices[v++] = c.Z;
                    vertices[v++] = alpha;
                }
            }
        }
        return vertices;
    }
}
