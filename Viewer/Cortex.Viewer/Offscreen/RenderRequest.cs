namespace Cortex.Viewer.Offscreen;

/// <summary>What <c>cortex render</c> draws: one still, a video, or both, from a recording folder.</summary>
public sealed record RenderRequest
{
    /// <summary>The run's output directory (layout.parquet and spikes.parquet).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Time of the still, ms; null: <see cref="ToMs"/> when given, else the busiest moment of the recording.</summary>
    public double? TimeMs { get; init; }

    /// <summary>Start of the video, ms (default: the first spike's time, at least 0).</summary>
    public double? FromMs { get; init; }

    /// <summary>End of the video, ms (default: the last spike's time).</summary>
    public double? ToMs { get; init; }

    /// <summary>PNG to write, or null.</summary>
    public string? PngPath { get; init; }

    /// <summary>MP4 to write, or null.</summary>
    public string? VideoPath { get; init; }

    /// <summary>Video frames per second.</summary>
    public double Fps { get; init; } = 30;

    /// <summary>Simulated ms shown per second of video (100: ten times slower than real time).</summary>
    public double MsPerSecond { get; init; } = 100;

    /// <summary>Camera turn during the video, degrees per second of video.</summary>
    public double OrbitDegreesPerSecond { get; init; } = 6;

    /// <summary>Image width in pixels.</summary>
    public int Width { get; init; } = 1280;

    /// <summary>Image height in pixels.</summary>
    public int Height { get; init; } = 720;

    /// <summary>Camera text (see <see cref="Scene.OrbitCamera.Parse"/>); fields left out come from the framing camera.</summary>
    public string? Camera { get; init; }

    /// <summary>Flash decay time, ms.</summary>
    public double DecayMs { get; init; } = 20;

    /// <summary>Multisamples per pixel (0: none).</summary>
    public int Samples { get; init; } = 4;

    /// <summary>Line under the time stamp; null: the folder's name.</summary>
    public string? Caption { get; init; }

    /// <summary>Ends a video early (Ctrl+C): the frames rendered so far (at least the first) are finished into a playable file.</summary>
    public CancellationToken Stop { get; init; }

    /// <summary>The problems with the request, each naming its option (empty when it is usable).</summary>
    public IEnumerable<string> Problems()
    {
        if (PngPath is null && VideoPath is null) yield return "nothing to write: give --out PNG and/or --video MP4";
        if (Width < 16 || Height < 16 || Width > 8192 || Height > 8192) yield return $"--size must be between 16x16 and 8192x8192, got {Width}x{Height}";
        if (VideoPath is not null && (Width % 2 != 0 || Height % 2 != 0)) yield return $"--size must be even in both directions for --video (H.264), got {Width}x{Height}";
        if (!(Fps > 0) || Fps > 240) yield return $"--fps must be in (0, 240], got {Fps}";
        if (!(MsPerSecond > 0)) yield return $"--speed must be > 0 ms per second of video, got {MsPerSecond}";
        if (!(DecayMs > 0)) yield return $"--decay must be > 0 ms, got {DecayMs}";
        if (Samples is < 0 or > 16) yield return $"--samples must be between 0 and 16, got {Samples}";
        if (FromMs is { } from && ToMs is { } to && !(to > from)) yield return $"--to ({to} ms) must be after --from ({from} ms)";
        if (TimeMs is < 0 || FromMs is < 0) yield return "times must be >= 0 ms";
    }
}
