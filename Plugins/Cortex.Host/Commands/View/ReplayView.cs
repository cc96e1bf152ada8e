using System.Globalization;
using Cortex.Simulation;
using Cortex.Viewer.Hosts;
using Cortex.Viewer.Interaction;
using Cortex.Viewer.Scene;

namespace Cortex.Host.Commands.View;

/// <summary><c>cortex view OUT_DIR</c>: reads the recording first (so a missing one is reported before any window opens), then shows it.</summary>
internal static class ReplayView
{
    public static void Run(string folder, WindowViewerOptions options, CliConsole console)
    {
        var scene = BrainScene.Load(folder);
        var timeline = RecordingFolder.ReadSpikes(folder, scene);
        var endMs = RecordingEnd(folder, timeline);
        ViewReport.DefaultLayoutNote(scene, console);
        using var window = WindowContext.Create(options.Width, options.Height, $"cortex view {folder}", vsync: !options.FixedFrameTime);
        var result = WindowViewer.Run(window, scene, timeline, endMs, options with { Title = $"cortex view {folder}" },
            picked: pick => ViewReport.Picked(pick, console), stop: console.Stopping);
        ViewReport.Finished(result, window.GlVersion, console);
    }

    // The recording's length is the run's (summary.json), not its last spike's time: a silent tail is part of it.
    private static double RecordingEnd(string folder, ActivityTimeline timeline)
    {
        var summaryPath = Path.Combine(folder, "summary.json");
        if (File.Exists(summaryPath))
        {
            try
            {
                var duration = RunSummary.FromJson(File.ReadAllText(summaryPath)).DurationMs;
                if (duration > 0 && double.IsFinite(duration)) return Math.Max(duration, timeline.EndMs);
            }
            catch (System.Text.Json.JsonException)
            {
                // A broken summary does not stop a replay; the spikes say how long it ran, nearly.
            }
        }
        // Without a summary: just past the last spike, so that spike counts towards the rates.
        return Math.Floor(timeline.EndMs) + 1;
    }
}
