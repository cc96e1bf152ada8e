using System.Globalization;
using Cortex.Viewer.Interaction;
using Cortex.Viewer.Scene;

namespace Cortex.Host.Commands.View;

/// <summary>What <c>cortex view</c> prints: notes about the layout, picks, and a closing line.</summary>
internal static class ViewReport
{
    /// <summary>Says which populations are drawn on the default layout because the run recorded no positions for them.</summary>
    public static void DefaultLayoutNote(BrainScene scene, CliConsole console)
    {
        var placed = scene.DefaultPlaced.Select(p => p.Name).ToList();
        if (placed.Count == 0) return;
        console.Out.WriteLine($"note: {string.Join(", ", placed)} {(placed.Count == 1 ? "has" : "have")} no positions in the spec; drawn on the default layout (a disc per population on a grid)");
    }

    public static void Picked(PickResult? pick, CliConsole console) =>
        console.Out.WriteLine(pick is null ? "picked: nothing" : $"picked: {pick.Label}");

    public static void Finished(WindowViewerResult result, string glVersion, CliConsole console)
    {
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"viewed {result.Frames} frame{(result.Frames == 1 ? "" : "s")} in {result.WallSeconds:0.00} s ({result.FramesPerSecond:0.0} fps, OpenGL {glVersion}); last time shown {result.LastTimeMs:0.0} ms"));
        if (result.DroppedSpikes > 0) console.Out.WriteLine($"the viewer fell behind and did not show {result.DroppedSpikes:N0} spikes (the run's files have them all)");
        if (result.Screenshot is { } file) console.Out.WriteLine($"wrote {file}");
    }
}
