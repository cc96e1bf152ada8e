using System.CommandLine;
using Cortex.Models;
using Spectre.Console;

namespace Cortex.Host.Commands;

/// <summary>
/// <c>cortex models</c>: every registered neuron model, synapse model, plasticity rule and backend, with
/// parameters and defaults, then the training components (surrogates, layers, encoders) by name.
/// </summary>
internal static class ModelsCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("models", "List registered models, synapses, plasticity rules, backends and training components");
        command.SetAction(_ => ErrorReporting.Guard(console, () =>
        {
            using var catalog = Train.LearningCatalog.Load(console);
            var registry = catalog.Runtime.Registry;
            foreach (var model in registry.NeuronModels.Values.OrderBy(m => m.Name, StringComparer.Ordinal))
                Print(console, "neuron", model.Name, model.Description, model.Parameters);
            foreach (var model in registry.SynapseModels.Values.OrderBy(m => m.Name, StringComparer.Ordinal))
                Print(console, "synapse", model.Name, model.Description, model.Parameters);
            foreach (var rule in registry.PlasticityRules.Values.OrderBy(m => m.Name, StringComparer.Ordinal))
                Print(console, "plasticity", rule.Name, rule.Description, rule.Parameters);
            foreach (var backend in registry.Backends.Values.OrderBy(b => b.Name, StringComparer.Ordinal))
                console.Out.WriteLine($"backend {backend.Name}: {backend.Description}");
            var learning = Train.LearningCatalog.Registry(catalog);
            foreach (var surrogate in learning.Surrogates.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
                console.Out.WriteLine($"surrogate {surrogate.Name}: {surrogate.Description}");
            foreach (var layer in learning.Layers.Values.OrderBy(l => l.Name, StringComparer.Ordinal))
                console.Out.WriteLine($"layer {layer.Name}: {layer.Description}");
            foreach (var encoder in learning.Encoders.Values.OrderBy(e => e.Name, StringComparer.Ordinal))
                console.Out.WriteLine($"encoder {encoder.Name}: {encoder.Description}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Print(CliConsole console, string kind, string name, string description, IReadOnlyList<ParameterSpec> parameters)
    {
        console.Out.WriteLine($"{kind} {name}: {description}");
        if (parameters.Count == 0) return;
        var table = new Table().AddColumns("parameter", "default", "rule", "meaning");
        foreach (var p in parameters) table.AddRow(Markup.Escape(p.Name), Markup.Escape(p.DefaultQuantity.ToString()), Markup.Escape(p.Rule.ToString()), Markup.Escape(p.Description));
        console.Ansi.Write(table);
    }
}
