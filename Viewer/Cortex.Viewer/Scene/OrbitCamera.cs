using System.Globalization;
using System.Numerics;

namespace Cortex.Viewer.Scene;

/// <summary>
/// A camera on a sphere around a target, z up (anatomical superior). Yaw turns about z: 0° looks from −y towards +y
/// (from behind for RAS/MNI coordinates), 90° from +x (the right). Pitch raises the eye above the xy plane.
/// Pixels count from the top-left corner of the image; pixel (c, r) covers [c, c+1) × [r, r+1).
/// Text form for <c>--camera</c>: <c>yaw=-35,pitch=20,distance=150000,target=0;0;0,fov=35</c> (degrees, µm), any subset.
/// </summary>
public sealed class OrbitCamera
{
    /// <summary>The point looked at, µm.</summary>
    public Vector3 Target { get; set; }

    /// <summary>Eye distance from the target, µm.</summary>
    public float Distance { get; set; } = 1000f;

    /// <summary>Rotation about z, degrees.</summary>
    public float YawDegrees { get; set; }

    /// <summary>Elevation above the xy plane, degrees, kept within ±89.</summary>
    public float PitchDegrees { get; set; }

    /// <summary>Vertical field of view, degrees.</summary>
    public float FieldOfViewDegrees { get; set; } = 35f;

    /// <summary>Eye position, µm.</summary>
    public Vector3 Eye
    {
        get
        {
            var yaw = YawDegrees * MathF.PI / 180;
            var pitch = Math.Clamp(PitchDegrees, -89f, 89f) * MathF.PI / 180;
            var direction = new Vector3(MathF.Cos(pitch) * MathF.Sin(yaw), -MathF.Cos(pitch) * MathF.Cos(yaw), MathF.Sin(pitch));
            return Target + Distance * direction;
        }
    }

    /// <summary>World → view matrix (System.Numerics row-vector convention; upload to GL without transposing).</summary>
    public Matrix4x4 View => Matrix4x4.CreateLookAt(Eye, Target, Vector3.UnitZ);

    /// <summary>Near clip plane, µm.</summary>
    public float Near => Distance / 200f;

    /// <summary>Far clip plane, µm.</summary>
    public float Far => Distance * 20f;

    /// <summary>View → clip matrix for an aspect ratio (width / height).</summary>
    public Matrix4x4 Projection(float aspect) =>
        Matrix4x4.CreatePerspectiveFieldOfView(FieldOfViewDegrees * MathF.PI / 180, aspect, Near, Far);

    /// <summary>Where a world point lands in an image of the given size (pixels from the top-left; may lie outside).</summary>
    public Vector2 ProjectToPixel(Vector3 pointUm, int width, int height)
    {
        var clip = Vector4.Transform(new Vector4(pointUm, 1), View * Projection((float)width / height));
        var ndc = new Vector2(clip.X / clip.W, clip.Y / clip.W);
        return new Vector2((ndc.X + 1) / 2 * width, (1 - ndc.Y) / 2 * height);
    }

    /// <summary>The ray from the eye through a pixel position (pixels from the top-left), direction normalised.</summary>
    public (Vector3 Origin, Vector3 Direction) RayThroughPixel(Vector2 pixel, int width, int height)
    {
        var ndc = new Vector2(2 * pixel.X / width - 1, 1 - 2 * pixel.Y / height);
        Matrix4x4.Invert(View * Projection((float)width / height), out var inverse);
        var near = Vector4.Transform(new Vector4(ndc, 0, 1), inverse);
        var far = Vector4.Transform(new Vector4(ndc, 1, 1), inverse);
        var a = new Vector3(near.X, near.Y, near.Z) / near.W;
        var b = new Vector3(far.X, far.Y, far.Z) / far.W;
        return (Eye, Vector3.Normalize(b - a));
    }

    /// <summary>
    /// A camera that shows the whole scene, filling about 85 % of an image of the given aspect. For a brain placed by a
    /// connectome: a lateral three-quarter view from above with the brain's long horizontal axis (anterior-posterior)
    /// across the image, so the silhouette reads as a brain whichever way the dataset orders its axes (z is taken as
    /// up); otherwise a view from the front-left and above.
    /// </summary>
    public static OrbitCamera Framing(BrainScene scene, float aspect = 16f / 9f)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var brain = scene.Populations.Any(p => p.Source == Cortex.Recording.PositionSource.Connectome);
        var camera = brain
            ? new OrbitCamera { Target = scene.Centre, YawDegrees = LateralYaw(scene) + 20f, PitchDegrees = 28f }
            : new OrbitCamera { Target = scene.Centre, YawDegrees = -35f, PitchDegrees = 22f };
        // Start from the bounding sphere, then scale the distance so that the neurons (a sample of at most 4096) span
        // 85 % of the image along its fuller axis.
        camera.Distance = scene.Radius / MathF.Sin(camera.FieldOfViewDegrees * MathF.PI / 360);
        for (var pass = 0; pass < 3; pass++)
        {
            var extent = 0f;
            var transform = camera.View * camera.Projection(aspect);
            foreach (var point in Sample(scene))
            {
                var clip = Vector4.Transform(new Vector4(point, 1), transform);
                if (clip.W <= 0) { extent = float.NaN; break; }
                extent = MathF.Max(extent, MathF.Max(MathF.Abs(clip.X / clip.W), MathF.Abs(clip.Y / clip.W)));
            }
            if (!float.IsFinite(extent) || extent <= 0) break;
            camera.Distance *= MathF.Max(0.5f, MathF.Min(2f, extent / 0.85f));
        }
        return camera;
    }

    /// <summary>The yaw that looks across the scene's long horizontal axis (from the positive side of its normal).</summary>
    private static float LateralYaw(BrainScene scene)
    {
        var (nx, ny) = (-Math.Sin(scene.LongAxisAngle), Math.Cos(scene.LongAxisAngle));
        // Eye direction is (sin yaw, −cos yaw).
        return (float)(Math.Atan2(nx, -ny) * 180 / Math.PI);
    }

    private static IEnumerable<Vector3> Sample(BrainScene scene)
    {
        var stride = Math.Max(1, scene.NeuronCount / 4096);
        for (var i = 0; i < scene.NeuronCount; i += stride) yield return scene.Position(i);
    }

    /// <summary>Turns the eye about the target by the given degrees.</summary>
    public void Orbit(float deltaYawDegrees, float deltaPitchDegrees)
    {
        YawDegrees = (YawDegrees + deltaYawDegrees) % 360f;
        PitchDegrees = Math.Clamp(PitchDegrees + deltaPitchDegrees, -89f, 89f);
    }

    /// <summary>Moves the eye towards (factor &lt; 1) or away from (factor &gt; 1) the target.</summary>
    public void Zoom(float factor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        Distance *= factor;
    }

    /// <summary>A copy.</summary>
    public OrbitCamera Clone() => new()
    {
        Target = Target, Distance = Distance, YawDegrees = YawDegrees, PitchDegrees = PitchDegrees, FieldOfViewDegrees = FieldOfViewDegrees,
    };

    /// <summary>The text form (every field), readable by <see cref="Parse"/>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"yaw={YawDegrees:R},pitch={PitchDegrees:R},distance={Distance:R},target={Target.X:R};{Target.Y:R};{Target.Z:R},fov={FieldOfViewDegrees:R}");

    /// <summary>
    /// Reads the text form; fields left out keep <paramref name="defaults"/>' values (e.g. <see cref="Framing"/>).
    /// </summary>
    /// <exception cref="FormatException">An unknown key or a value that is not a number; the message names it.</exception>
    public static OrbitCamera Parse(string text, OrbitCamera? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var camera = defaults?.Clone() ?? new OrbitCamera();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new FormatException($"camera: '{part}' is not key=value (keys: yaw, pitch, distance, target, fov)");
            var key = part[..eq].Trim().ToLowerInvariant();
            var value = part[(eq + 1)..].Trim();
            switch (key)
            {
                case "yaw": camera.YawDegrees = Number(key, value); break;
                case "pitch": camera.PitchDegrees = Math.Clamp(Number(key, value), -89f, 89f); break;
                case "distance": camera.Distance = Positive(key, Number(key, value)); break;
                case "fov": camera.FieldOfViewDegrees = Math.Clamp(Number(key, value), 1f, 170f); break;
                case "target":
                    var xyz = value.Split(';');
                    if (xyz.Length != 3) throw new FormatException($"camera: target must be x;y;z in µm, got '{value}'");
                    camera.Target = new Vector3(Number("target", xyz[0]), Number("target", xyz[1]), Number("target", xyz[2]));
                    break;
                default: throw new FormatException($"camera: unknown key '{key}' (keys: yaw, pitch, distance, target, fov)");
            }
        }
        return camera;
    }

    private static float Number(string key, string value) =>
        float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && float.IsFinite(x)
            ? x
            : throw new FormatException($"camera: {key} must be a number, got '{value}'");

    private static float Positive(string key, float value) =>
        value > 0 ? value : throw new FormatException($"camera: {key} must be > 0, got {value.ToString(CultureInfo.InvariantCulture)}");
}
