using System.CommandLine;
using Cortex.Circuits;
using Spectre.Console;

namespace Cortex.Host.Commands;

/// <summary>
/// <c>cortex circuits</c>: every registered circuit with its ports (what a spec connects to as <c>instance.port</c>)
/// and its parameters with defaults, so a spec's <c>circuits</c> section can be written without reading the source.
/// </summary>
internal static class CircuitsCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("circuits", "List registered circuits with their ports and parameters");
        command.SetAction(_ => ErrorReporting.Guard(console, () =>
        {
            using var catalog = RunPipeline.CreateRuntime(console);
            var circuits = catalog.Registry.Circuits.Values.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
            if (circuits.Count == 0) console.Out.WriteLine("no circuits registered");
            foreach (var circuit in circuits) Print(console, circuit);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Print(CliConsole console, CircuitModel circuit)
    {
        console.Out.WriteLine($"circuit {circuit.Name}: {circuit.Description}");
        if (circuit.Citation is { } citation) console.Out.WriteLine($"  after: {citation}");
        foreach (var port in circuit.Ports)
            console.Out.WriteLine($"  port {port.Name} ({(port.Direction == PortDirection.In ? "input" : "output")}): {port.Description}");
        if (circuit.Parameters.Count == 0) return;
        var table = new Table().AddColumns("parameter", "default", "rule", "meaning");
        foreach (var p in circuit.Parameters)
        {
            // A parameter with choices is written by name in specs ("background": "dc"), so it is listed by name.
            var named = p.Choices.Count > 0 && p.Default >= 0 && p.Default < p.Choices.Count && p.Default == Math.Floor(p.Default);
            var defaultText = named ? p.Choices[(int)p.Default] : p.DefaultQuantity.ToString();
            var rule = p.Choices.Count > 0 ? $"one of {string.Join(", ", p.Choices)}" : p.Rule.ToString();
            table.AddRow(Markup.Escape(p.Name), Markup.Escape(defaultText), Markup.Escape(rule), Markup.Escape(p.Description));
        }
        console.Ansi.Write(table);
    }
}
