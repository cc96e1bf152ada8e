using System.Runtime.ExceptionServices;
using Cortex.Viewer.Hosts;
using Cortex.Viewer.Interaction;
using Cortex.Viewer.Live;
using Cortex.Viewer.Scene;

namespace Cortex.Host.Commands.View;

/// <summary>
/// <c>cortex view --live SPEC.json</c>: the spec runs on its own thread through <see cref="RunPipeline"/>, exactly as
/// <c>cortex run</c> (same files, same spikes); a <see cref="LiveSpikeSink"/> beside its Parquet sinks feeds the window.
/// </summary>
/// <remarks>
/// The window opens first, so no display is reported before anything runs. The scene is built on the run's thread
/// from the compiled network before the first step. The sink never blocks the recorder, so the simulation does not wait
/// for the viewer; the viewer only competes with it for CPU. Closing the window lets the run finish (its files are
/// complete when the command returns); Ctrl+C stops both.
/// </remarks>
internal static class LiveView
{
    public static void Run(RunRequest request, WindowViewerOptions options, CliConsole console)
    {
        var title = $"cortex view --live {request.SpecPath}";
        using var window = WindowContext.Create(options.Width, options.Height, title, vsync: !options.FixedFrameTime);
        var sink = new LiveSpikeSink();
        var ready = new TaskCompletionSource<BrainScene>(TaskCreationOptions.RunContinuationsAsynchronously);
        ExceptionDispatchInfo? failure = null;
        var run = new Thread(() =>
        {
            try
            {
                RunPipeline.Execute(request with { ExtraSinks = [sink], Compiled = network => ready.TrySetResult(BrainScene.FromNetwork(network, request.Placements, request.Bundles)) }, console);
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                ready.TrySetCanceled();
            }
        })
        {
            Name = "cortex live run",
            IsBackground = true,
        };
        run.Start();

        // Keep the window responsive while the network compiles.
        while (!ready.Task.IsCompleted) window.WaitEvents(0.05);
        if (ready.Task.IsCanceled)
        {
            run.Join();
            failure?.Throw();
            throw new InvalidOperationException("the live run ended before its network was compiled, without an error");
        }
        var scene = ready.Task.Result;
        ViewReport.DefaultLayoutNote(scene, console);
        var timeline = new ActivityTimeline(scene.NeuronCount);
        var feed = new LiveFeed(sink, scene, timeline);
        var result = WindowViewer.Run(window, scene, timeline, 0, options with { Title = title }, feed,
            pick => ViewReport.Picked(pick, console), console.Stopping);
        var glVersion = window.GlVersion;
        window.Dispose();
        if (run.IsAlive && options.Frames is null && options.ExitAfterSeconds is null)
        {
            console.Out.WriteLine("the window was closed; the run goes on to its end (Ctrl+C stops it)");
        }
        run.Join();
        ViewReport.Finished(result, glVersion, console);
        failure?.Throw();
    }
}
