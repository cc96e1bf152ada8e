using System.CommandLine;
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
            console.Out.WriteLine($"{path}: valid ({network.Populations.Count} populations, {network.Projections.Count} projections)");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
