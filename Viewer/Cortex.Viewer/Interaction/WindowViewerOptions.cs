using System.Numerics;
using Cortex.Viewer.Rendering;

namespace Cortex.Viewer.Interaction;

/// <summary>How <see cref="WindowViewer"/> shows a recording or a live run.</summary>
public sealed record WindowViewerOptions
{
    /// <summary>Window width, pixels.</summary>
    public int Width { get; init; } = 1280;

    /// <summary>Window height, pixels.</summary>
    public int Height { get; init; } = 720;

    /// <summary>What the title bar starts with (e.g. "cortex view out/").</summary>
    public string Title { get; init; } = "cortex view";

    /// <summary>A line under the time stamp when nothing is picked (e.g. the model's name), or null.</summary>
    public string? Caption { get; init; }

    /// <summary>How long a spike's flash takes to fade by 1/e, ms.</summary>
    public double DecayMs { get; init; } = 20;

    /// <summary>The look.</summary>
    public RenderStyle Style { get; init; } = new();

    /// <summary>The camera's text form (<c>--camera</c>); null frames the whole scene.</summary>
    public string? Camera { get; init; }

    /// <summary>A scripted camera; when set it drives the camera and the mouse does not.</summary>
    public CameraPath? CameraPath { get; init; }

    /// <summary>Close after this many frames (scripted runs, tests); null runs until the window is closed.</summary>
    public int? Frames { get; init; }

    /// <summary>Close after this many seconds of wall time; null runs until the window is closed.</summary>
    public double? ExitAfterSeconds { get; init; }

    /// <summary>Save the last frame shown as a PNG here, or null.</summary>
    public string? ScreenshotPath { get; init; }

    /// <summary>The time to start at, ms (replays; live runs follow the newest time).</summary>
    public double StartMs { get; init; }

    /// <summary>Playback speed, biological ms per wall second; 0 starts paused; null plays a replay in about 10 s.</summary>
    public double? SpeedMsPerSecond { get; init; }

    /// <summary>Click here (pixels from the top-left) before the last frame, as a user would: for tests and scripted demos.</summary>
    public Vector2? ScriptedClick { get; init; }

    /// <summary>
    /// True: every frame advances time by exactly 1/<see cref="ScriptedFramesPerSecond"/> s, whatever the wall clock
    /// (set by scripted runs so the frames shown are the same on every machine). False: the wall clock drives time.
    /// </summary>
    public bool FixedFrameTime { get; init; }

    /// <summary>Frames per second of viewer time in fixed-frame-time runs (and of camera-path time).</summary>
    public const double ScriptedFramesPerSecond = 30;
}
