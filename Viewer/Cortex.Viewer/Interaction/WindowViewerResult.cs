namespace Cortex.Viewer.Interaction;

/// <summary>What a <see cref="WindowViewer"/> session did.</summary>
/// <param name="Frames">Frames drawn.</param>
/// <param name="WallSeconds">Wall time the window was open.</param>
/// <param name="LastTimeMs">The simulated time shown last, ms.</param>
/// <param name="LastPick">The last thing picked, or null.</param>
/// <param name="Screenshot">The PNG written, or null.</param>
/// <param name="DroppedSpikes">Live runs: spikes the viewer skipped because it fell behind (the run's files keep them).</param>
public sealed record WindowViewerResult(int Frames, double WallSeconds, double LastTimeMs, PickResult? LastPick, string? Screenshot, long DroppedSpikes)
{
    /// <summary>Mean frames per second over the session.</summary>
    public double FramesPerSecond => WallSeconds > 0 ? Frames / WallSeconds : 0;
}
