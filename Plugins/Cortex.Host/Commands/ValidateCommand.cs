using System.CommandLine;
using Cortex.Circuits;
using Cortex.Spec;
using Cortex.Validation;

namespace Cortex.Host.Commands;

/// <summary><c>cortex validate SPEC.json</c>: report every problem in a spec without running it.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var spec = new Argument<string>("spec") { Description = "Network spec (JSON)" };
        var command = new Command("validate", "Check a spec and list every problem with its path") { spec };
        command.SetAction(parse => ErrorReporting.Guard(console, () =>
        {
            var path = parse.GetValue(spec)!;
            var network = SpecJson.Load(path);
            using var runtime = RunPipeline.CreateRuntime(console);
            var validator = new SpecValidator(runtime.Registry);
            validator.ThrowIfInvalid(network, path);
            foreach (var warning in validator.Warnings) console.Warn($"{path}: {warning}");
            // Count what will run: circuits expand into populations and projections of their own.
            var expanded = new CircuitExpander(runtime.Registry).Expand(network).Spec;
            var circuits = network.Circuits.Count == 0 ? "" : $", from {network.Circuits.Count} circuit{(network.Circuits.Count == 1 ? "" : "s")}";
            console.Out.WriteLine($"{path}: valid ({expanded.Populations.Count} populations, {expanded.Projections.Count} projections{circuits})");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
