using System.CommandLine;
using Cortex.Host.Commands;

namespace Cortex.Host;

/// <summary>The <c>cortex</c> command tree; every command turns user errors into one clear line and a non-zero exit.</summary>
public static class CortexCli
{
    /// <summary>Parses and runs a command line; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var console = new CliConsole(output ?? Console.Out, error ?? Console.Error);
        var root = new RootCommand("Cortex: brain-inspired spiking network simulation. With no command, runs the demo.");
        root.Subcommands.Add(RunCommand.Create(console));
        root.Subcommands.Add(DemoCommand.Create(console));
        root.Subcommands.Add(ValidateCommand.Create(console));
        root.Subcommands.Add(ModelsCommand.Create(console));
        root.Subcommands.Add(Commands.Bench.BenchCommand.Create(console));
        if (args.Length == 0) args = ["demo"];
        var parse = root.Parse(args);
        return parse.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error });
    }
}
