using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace Cortex.Viewer.Interaction;

/// <summary>
/// A scripted camera: keyframes in time, interpolated linearly in yaw and pitch and geometrically in distance (so a
/// zoom looks steady), held at the first pose before it and the last after it. For demos and for tests that drive the
/// window with no one at the mouse (<c>cortex view --camera-path PATH.json</c>).
/// </summary>
/// <remarks>
/// The file is JSON: <c>{"keyframes": [{"time": 0, "yaw": 30, "pitch": 20, "distance": 1500, "target": [0, 0, 0]}, ...]}</c>,
/// time in seconds of viewer time, angles in degrees, distance and the optional target in µm.
/// </remarks>
public sealed class CameraPath
{
    private readonly CameraKeyframe[] _keyframes;

    /// <summary>A path through <paramref name="keyframes"/>, which must be in increasing time.</summary>
    public CameraPath(IReadOnlyList<CameraKeyframe> keyframes)
    {
        ArgumentNullException.ThrowIfNull(keyframes);
        if (keyframes.Count == 0) throw new CameraPathException("a camera path needs at least one keyframe");
        for (var i = 0; i < keyframes.Count; i++)
        {
            var k = keyframes[i];
            string? problem = null;
            if (!(k.TimeSeconds >= 0) || !double.IsFinite(k.TimeSeconds)) problem = "time: must be a finite number of seconds >= 0";
            else if (i > 0 && !(k.TimeSeconds > keyframes[i - 1].TimeSeconds)) problem = $"time: must be after the previous keyframe's ({keyframes[i - 1].TimeSeconds.ToString(CultureInfo.InvariantCulture)} s)";
            else if (!double.IsFinite(k.YawDegrees)) problem = "yaw: must be a finite number of degrees";
            else if (!(k.PitchDegrees > -90 && k.PitchDegrees < 90)) problem = "pitch: must be between -90 and 90 degrees (exclusive)";
            else if (!(k.DistanceUm > 0) || !double.IsFinite(k.DistanceUm)) problem = "distance: must be a finite distance > 0 µm";
            else if (k.TargetUm is { } t && !(float.IsFinite(t.X) && float.IsFinite(t.Y) && float.IsFinite(t.Z))) problem = "target: must be three finite numbers (µm)";
            if (problem is not null) throw new CameraPathException($"keyframes[{i}].{problem}");
        }
        _keyframes = [.. keyframes];
    }

    /// <summary>The keyframes, in time order.</summary>
    public IReadOnlyList<CameraKeyframe> Keyframes => _keyframes;

    /// <summary>The time of the last keyframe, s.</summary>
    public double DurationSeconds => _keyframes[^1].TimeSeconds;

    /// <summary>The pose at <paramref name="timeSeconds"/>.</summary>
    public CameraKeyframe At(double timeSeconds)
    {
        if (double.IsNaN(timeSeconds)) throw new ArgumentOutOfRangeException(nameof(timeSeconds), timeSeconds, "must be a time");
        if (timeSeconds <= _keyframes[0].TimeSeconds) return _keyframes[0] with { TimeSeconds = timeSeconds };
        if (timeSeconds >= _keyframes[^1].TimeSeconds) return _keyframes[^1] with { TimeSeconds = timeSeconds };
        var next = 1;
        while (_keyframes[next].TimeSeconds < timeSeconds) next++;
        var a = _keyframes[next - 1];
        var b = _keyframes[next];
        var u = (timeSeconds - a.TimeSeconds) / (b.TimeSeconds - a.TimeSeconds);
        Vector3? target = (a.TargetUm, b.TargetUm) switch
        {
            ({ } ta, { } tb) => Vector3.Lerp(ta, tb, (float)u),
            ({ } ta, null) => ta,
            (null, { } tb) => tb,
            _ => null,
        };
        return new CameraKeyframe(
            timeSeconds,
            a.YawDegrees + (b.YawDegrees - a.YawDegrees) * u,
            a.PitchDegrees + (b.PitchDegrees - a.PitchDegrees) * u,
            a.DistanceUm * Math.Pow(b.DistanceUm / a.DistanceUm, u),
            target);
    }

    /// <summary>Reads a camera path file; every problem is a <see cref="CameraPathException"/> naming the file and the JSON path.</summary>
    public static CameraPath Load(string path)
    {
        if (!File.Exists(path)) throw new CameraPathException($"camera path {path}: no such file");
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (CameraPathException e)
        {
            throw new CameraPathException($"camera path {path}: {e.Message}", e);
        }
    }

    /// <summary>Parses the JSON text of a camera path.</summary>
    public static CameraPath Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new CameraPathException($"not valid JSON ({e.Message})", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("keyframes", out var list) || list.ValueKind != JsonValueKind.Array)
                throw new CameraPathException("keyframes: expected an object with a \"keyframes\" array");
            var keyframes = new List<CameraKeyframe>();
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var at = $"keyframes[{index}]";
                if (item.ValueKind != JsonValueKind.Object) throw new CameraPathException($"{at}: expected an object with time, yaw, pitch and distance");
                foreach (var property in item.EnumerateObject())
                {
                    if (property.Name is not ("time" or "yaw" or "pitch" or "distance" or "target"))
                        throw new CameraPathException($"{at}.{property.Name}: unknown field (expected time, yaw, pitch, distance, target)");
                }
                Vector3? target = null;
                if (item.TryGetProperty("target", out var t))
                {
                    if (t.ValueKind != JsonValueKind.Array || t.GetArrayLength() != 3 || t.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
                        throw new CameraPathException($"{at}.target: expected [x, y, z] in µm");
                    target = new Vector3(t[0].GetSingle(), t[1].GetSingle(), t[2].GetSingle());
                }
                keyframes.Add(new CameraKeyframe(Number(item, at, "time"), Number(item, at, "yaw"), Number(item, at, "pitch"), Number(item, at, "distance"), target));
                index++;
            }
            return new CameraPath(keyframes);
        }
    }

    private static double Number(JsonElement item, string at, string name)
    {
        if (!item.TryGetProperty(name, out var value)) throw new CameraPathException($"{at}.{name}: missing");
        if (value.ValueKind != JsonValueKind.Number) throw new CameraPathException($"{at}.{name}: expected a number, got {value.ValueKind.ToString().ToLowerInvariant()}");
        return value.GetDouble();
    }
}
