using System.Diagnostics;
using System.Globalization;
using Cortex.BrainRegions.WholeBrain;
using Cortex.Viewer;
using Cortex.Viewer.Offscreen;

namespace Cortex.Host.Commands;

/// <summary>
/// The demo's second part: a small whole-brain model on the bundled human_76 connectome (76 regions × 100 neurons,
/// 300 ms), rendered in 3D to brain.png, so the first thing a new user sees is a brain lighting up.
/// </summary>
internal static class DemoBrain
{
    /// <summary>The model: small enough to take a few seconds; neurons spread 5 mm round their region's centre so the regions merge into a brain.</summary>
    public static WholeBrainOptions Options => new() { NeuronsPerRegion = 100, DurationMs = 300, PositionJitterUm = 5000, Seed = 1 };

    /// <summary>Runs the model into <c>OUT/brain</c> and renders <c>OUT/brain.png</c>; a machine without OpenGL gets a warning, not a failed demo.</summary>
    public static void Run(CliConsole console, string outputDirectory, int threads)
    {
        var clock = Stopwatch.StartNew();
        var options = Options;
        var connectome = ConnectomeCatalog.Load(ConnectomeCatalog.BundledName);
        var spec = WholeBrainNetwork.Build(connectome, options);
        var brainDirectory = Path.Combine(outputDirectory, "brain");
        console.Out.WriteLine($"Whole brain: {connectome.Count} regions of the {connectome.Name} connectome, {options.NeuronsPerRegion} neurons each, {options.DurationMs:0} ms.");
        RunPipeline.Execute(new RunRequest
        {
            SpecPath = $"connectome {connectome.Name}", OutputDirectory = brainDirectory, Threads = threads, Plot = false,
            Placements = WholeBrainLayout.Placements(connectome, options), Bundles = WholeBrainLayout.Bundles(connectome),
        }, console, spec);
        var png = Path.Combine(outputDirectory, "brain.png");
        try
        {
            var result = RenderCommand.Render(new RenderRequest
            {
                OutputDirectory = brainDirectory, PngPath = png, Caption = $"whole brain · {connectome.Name} connectome · demo",
            });
            RenderCommand.Report(console, result);
        }
        catch (ViewerUnavailableException e)
        {
            console.Warn($"brain.png was not rendered: {e.Message}");
        }
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"whole-brain part of the demo: {clock.Elapsed.TotalSeconds:0.0} s"));
    }
}
