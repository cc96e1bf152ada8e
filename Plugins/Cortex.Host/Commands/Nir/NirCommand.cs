using System.CommandLine;
using System.Text.Json;
using Cortex.Host.Commands.Train;
using Cortex.Learning.Export;
using Cortex.Learning.Training;
using Cortex.Nir;
using Cortex.Nir.Engine;

namespace Cortex.Host.Commands.Nir;

/// <summary>
/// <c>cortex nir export CHECKPOINT</c> writes a trained network as a NIR graph and as a Cortex network spec,
/// optionally checking that the engine predicts what the trained model predicts;
/// <c>cortex nir import FILE</c> turns a NIR graph (from Cortex, snnTorch, Norse, SpikingJelly…) into a spec.
/// </summary>
internal static class NirCommand
{
    public static Command Create(CliConsole console)
    {
        var dt = new Option<double>("--dt") { Description = "Duration of one time step in milliseconds", DefaultValueFactory = _ => 1.0 };
        return new Command("nir", "Exchange trained networks as NIR graphs (HDF5)") { Export(console, dt), Import(console, dt) };
    }

    private static Command Export(CliConsole console, Option<double> dt)
    {
        var checkpoint = new Argument<string>("checkpoint") { Description = "A checkpoint written by 'cortex train'" };
        var output = new Option<string?>("--out") { Description = "The NIR file to write (default: beside the checkpoint, model.nir)" };
        var check = new Option<int>("--engine-check")
        {
            Description = "Run this many test images through the engine and the trained model and report how often they agree (-1: the whole test set)",
            DefaultValueFactory = _ => 0,
        };
        var command = new Command("export", "Write a trained checkpoint as a NIR graph and a Cortex network spec") { checkpoint, output, check, dt };
        command.SetAction(parse => LearningErrors.Guard(console, () =>
        {
            var path = parse.GetValue(checkpoint)!;
            var dtMs = PositiveDt(parse.GetValue(dt));
            using var catalog = LearningCatalog.Load(console);
            using var loaded = TrainingCheckpoint.Load(path, LearningCatalog.Registry(catalog));
            var graph = NirExporter.Export(loaded.Network, dtMs / 1000);
            var nirPath = parse.GetValue(output) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "model.nir");
            NirFile.Write(nirPath, graph);
            console.Out.WriteLine($"wrote {nirPath} ({graph.Nodes.Count} nodes)");
            var specPath = Path.ChangeExtension(nirPath, ".spec.json");
            WriteSpec(NirToSpec.Convert(graph, new NirConversionOptions { DtSeconds = dtMs / 1000 }), loaded.Network.Steps, specPath, console);

            var samples = parse.GetValue(check);
            if (samples != 0)
            {
                Trainer.UseThreads(loaded.Config.Train.Threads);
                using var split = TrainingData.Load(loaded.Config.Data);
                var reportPath = Path.ChangeExtension(nirPath, ".engine-check.json");
                EngineAgreementResult result;
                try
                {
                    result = EngineAgreement.Measure(loaded.Network, split.Test, samples < 0 ? null : samples, dtMs / 1000, cancellationToken: console.Stopping);
                }
                catch (OperationCanceledException e) when (StopRequest.Requested(console))
                {
                    throw StopRequest.Stopped(console, $"the engine check was stopped before its end; {nirPath} and {specPath} are complete, {reportPath} was not written", e);
                }
                console.Out.WriteLine($"engine check on {result.Samples} test images ({result.Backend} backend): predictions agree on {result.Agreement:P2}; "
                    + $"accuracy: trained model {result.TorchAccuracy:P2}, engine {result.EngineAccuracy:P2}; engine time {result.EngineSeconds:0.0} s");
                File.WriteAllText(reportPath, JsonSerializer.Serialize(new
                {
                    command = string.Join(" ", ["cortex", .. parse.Tokens.Select(t => t.Value)]),
                    checkpoint = path,
                    samples = result.Samples,
                    agreement = result.Agreement,
                    torch_accuracy = result.TorchAccuracy,
                    engine_accuracy = result.EngineAccuracy,
                    engine_seconds = result.EngineSeconds,
                    backend = result.Backend,
                }, TrainingCheckpoint.JsonOptions));
                console.Out.WriteLine($"wrote {reportPath}");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Import(CliConsole console, Option<double> dt)
    {
        var file = new Argument<string>("file") { Description = "A NIR graph (.nir, HDF5)" };
        var output = new Option<string?>("--out") { Description = "The spec to write (default: FILE with .spec.json)" };
        var steps = new Option<int>("--steps") { Description = "Time steps the spec runs for", DefaultValueFactory = _ => 25 };
        var command = new Command("import", "Convert a NIR graph into a Cortex network spec (feed-forward LIF/IF/CubaLIF chains)") { file, output, steps, dt };
        command.SetAction(parse => LearningErrors.Guard(console, () =>
        {
            var path = parse.GetValue(file)!;
            var dtMs = PositiveDt(parse.GetValue(dt));
            var graph = NirFile.Read(path);
            var converted = NirToSpec.Convert(graph, new NirConversionOptions { DtSeconds = dtMs / 1000 });
            var stepCount = parse.GetValue(steps) >= 1 ? parse.GetValue(steps) : throw new UsageException($"--steps must be >= 1, got {parse.GetValue(steps)}");
            WriteSpec(converted, stepCount, parse.GetValue(output) ?? Path.ChangeExtension(path, ".spec.json"), console);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void WriteSpec(ConvertedNetwork converted, int steps, string path, CliConsole console)
    {
        File.WriteAllText(path, NirSpecExport.ToJson(converted, steps));
        var neurons = converted.Template.Populations.Sum(p => p.Size);
        console.Out.WriteLine($"wrote {path} ({converted.Template.Populations.Count} populations, {neurons} neurons; "
            + $"the input layer's {converted.InputMap.InputSize} analog inputs enter as per-neuron currents W·x + b, set per sample)");
    }

    private static double PositiveDt(double dtMs) =>
        dtMs > 0 && double.IsFinite(dtMs) ? dtMs : throw new UsageException($"--dt must be a positive number of milliseconds, got {dtMs}");
}
