using System.CommandLine;
using Cortex.Models;
using Spectre.Console;

namespace Cortex.Host.Commands;

/// <summary><c>cortex models</c>: every registered neuron model, synapse model, plasticity rule and backend, with parameters and defaults.</summary>
internal static class ModelsCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("models", "List registered models, synapses, plasticity rules and backends");
        command.SetAction(_ => ErrorReporting.Guard(console, () =>
        {
            using var runtime = RunPipeline.CreateRuntime(console);
            var registry = runtime.Registry;
            foreach (var model in registry.NeuronModels.Values.OrderBy(m => m.Name, StringComparer.Ordinal))
                Print(console, "neuron", model.Name, model.Description, model.Parameters);
            foreach (var model in registry.SynapseModels.Values.OrderBy(m => m.Name, StringComparer.Ordinal))
                Print(console, "synapse", model.Name, model.Description, model.Parameters);
            foreach (var rule in registry.PlasticityRules.Values.OrderBy(m => m.Name, StringComparer.Ordinal))
                Print(console, "plasticity", rule.Name, rule.Description, rule.Parameters);
            foreach (var backend in registry.Backends.Values.OrderBy(b => b.Name, StringComparer.Ordinal))
                console.Out.WriteLine($"backend {backend.Name}: {backend.Description}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Print(CliConsole console, string kind, string name, string description, IReadOnlyList<ParameterSpec> parameters)
    {
        console.Out.WriteLine($"{kind} {name}: {description}");
        if (parameters.Count == 0) return;
        var table = new Table().AddColumns("parameter", "default", "rule", "meaning");
        foreach (var p in parameters) table.AddRow(p.Name, Markup.Escape(p.DefaultQuantity.ToString()), Markup.Escape(p.Rule.ToString()), Markup.Escape(p.Description));
        console.Ansi.Write(table);
    }
}
