namespace Cortex.Viewer.Offscreen;

/// <summary>What a render wrote and how long it took.</summary>
/// <param name="PngPath">The still written, or null.</param>
/// <param name="StillTimeMs">Time shown in the still, ms.</param>
/// <param name="VideoPath">The video written, or null.</param>
/// <param name="VideoFrames">Frames in the video.</param>
/// <param name="Seconds">Wall time of the whole render, s.</param>
/// <param name="Renderer">GL_RENDERER of the context used.</param>
/// <param name="DefaultLayoutPopulations">Populations drawn with the default layout (no recorded positions).</param>
public sealed record RenderResult(string? PngPath, double StillTimeMs, string? VideoPath, int VideoFrames, double Seconds, string Renderer,
    IReadOnlyList<string> DefaultLayoutPopulations);
