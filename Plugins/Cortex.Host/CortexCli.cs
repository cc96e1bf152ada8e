using System.CommandLine;
using Cortex.Host.Commands;
using Cortex.Host.Diagnostics;
using Cortex.Plugins.Loading;

namespace Cortex.Host;

/// <summary>The <c>cortex</c> command tree; every command turns user errors into one clear line and a non-zero exit.</summary>
public static class CortexCli
{
    /// <summary>Parses and runs a command line; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        // The process's own signals: the commands stop cleanly on the first and exit at once on the second.
        using var interruption = new Interruption(error ?? Console.Error);
        return Run(args, output ?? Console.Out, error ?? Console.Error, HostEnvironment.Current(), interruption);
    }

    /// <summary>Runs a command line with the plugin folders of <paramref name="environment"/> (tests use a private ~/.cortex).</summary>
    internal static int Run(string[] args, TextWriter output, TextWriter error, HostEnvironment environment, Interruption? interruption = null)
    {
        var console = new CliConsole(output, error);
        if (interruption is not null)
        {
            console.Stopping = interruption.Token;
            console.StopExitCode = () => interruption.ExitCode;
        }
        var plugins = new Option<string[]>("--plugins")
        {
            Description = "Also load plugins from this folder (repeatable); see 'cortex plugins'",
            Recursive = true,
            AllowMultipleArgumentsPerToken = false,
            Arity = ArgumentArity.OneOrMore,
        };
        var root = new RootCommand("Cortex: brain-inspired spiking network simulation. With no command, runs the demo.") { plugins };
        root.Subcommands.Add(RunCommand.Create(console));
        root.Subcommands.Add(BrainCommand.Create(console));
        root.Subcommands.Add(DemoCommand.Create(console));
        root.Subcommands.Add(RenderCommand.Create(console));
        root.Subcommands.Add(ValidateCommand.Create(console));
        root.Subcommands.Add(ModelsCommand.Create(console));
        root.Subcommands.Add(BackendsCommand.Create(console));
        root.Subcommands.Add(CircuitsCommand.Create(console));
        root.Subcommands.Add(PluginsCommand.Create(console));
        root.Subcommands.Add(Commands.Bench.BenchCommand.Create(console));
        root.Subcommands.Add(Commands.Train.TrainCommand.Create(console));
        root.Subcommands.Add(Commands.Train.EvalCommand.Create(console));
        root.Subcommands.Add(Commands.Train.GcnCommand.Create(console));
        root.Subcommands.Add(Commands.Nir.NirCommand.Create(console));
        root.Subcommands.Add(Commands.Tasks.TasksCommand.Create(console));
        root.Subcommands.Add(Commands.Tasks.TaskCommand.Create(console));
        root.Subcommands.Add(Commands.View.ViewCommand.Create(console));
        if (args.Length == 0) args = ["demo"];
        var parse = root.Parse(args);
        // A mistyped command line is bad input like a bad spec: one error line and exit code 2, where
        // System.CommandLine would print the help and return 1.
        if (parse.Errors.Count > 0)
        {
            console.Fail($"{string.Join("; ", parse.Errors.Select(e => e.Message.TrimEnd('.')))} (see '{HelpCommand(parse.CommandResult)}')");
            return ExitCodes.BadInput;
        }
        StartupTrace.Mark("command line parsed");
        console.PluginSearch = PluginSearchPath.Standard(environment.HostDirectory, environment.CortexHome, environment.PluginsVariable, parse.GetValue(plugins) ?? []);
        // Signals are Interruption's (ProcessTerminationTimeout = null keeps System.CommandLine from handling them too).
        return parse.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error, ProcessTerminationTimeout = null });
    }

    private static string HelpCommand(System.CommandLine.Parsing.CommandResult command)
    {
        var names = new List<string>();
        for (var c = command; c is not null && c.Command is not RootCommand; c = c.Parent as System.CommandLine.Parsing.CommandResult) names.Insert(0, c.Command.Name);
        return string.Join(" ", ["cortex", .. names, "--help"]);
    }
}

/// <summary>Where the host looks for plugins besides <c>--plugins</c>: its own folder, ~/.cortex and <c>CORTEX_PLUGINS</c>.</summary>
/// <param name="HostDirectory">The folder holding the host (its <c>plugins/</c> subfolder is searched).</param>
/// <param name="CortexHome">Stands for <c>~/.cortex</c> (<c>plugins/</c> and <c>config.json</c> inside it).</param>
/// <param name="PluginsVariable">The value of <c>CORTEX_PLUGINS</c>.</param>
internal sealed record HostEnvironment(string HostDirectory, string CortexHome, string? PluginsVariable)
{
    public static HostEnvironment Current() => new(
        AppContext.BaseDirectory, PluginSearchPath.DefaultCortexHome(), Environment.GetEnvironmentVariable(PluginSearchPath.PluginsVariable));
}
