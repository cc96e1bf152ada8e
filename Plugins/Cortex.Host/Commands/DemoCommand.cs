using System.CommandLine;

namespace Cortex.Host.Commands;

/// <summary><c>cortex demo</c>: the showcase run: the Vogels–Abbott CUBA network, then a small whole brain rendered in 3D (brain.png).</summary>
internal static class DemoCommand
{
    public static Command Create(CliConsole console)
    {
        var output = new Option<string>("--out") { Description = "Output directory", DefaultValueFactory = _ => Path.Combine("out", "demo") };
        var threads = new Option<int>("--threads") { Description = "Worker threads", DefaultValueFactory = _ => 1 };
        var command = new Command("demo", "Run the CUBA demo network (examples/cuba.json) and write its raster, then a small whole brain rendered in 3D (brain.png)") { output, threads };
        command.SetAction(parse => ErrorReporting.Guard(console, () =>
        {
            var spec = Path.Combine(AppContext.BaseDirectory, "examples", "cuba.json");
            console.Out.WriteLine("Cortex demo: Vogels & Abbott (2005) CUBA network, 4000 LIF neurons, 1 s of biological time.");
            RunPipeline.Execute(new RunRequest { SpecPath = spec, OutputDirectory = parse.GetValue(output)!, Threads = parse.GetValue(threads) }, console);
            console.Out.WriteLine("Brian2 2.5.1 gives 5.71 ± 0.21 Hz on the same network (tests/reference/brian2_cuba.json).");
            DemoBrain.Run(console, parse.GetValue(output)!, parse.GetValue(threads));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
