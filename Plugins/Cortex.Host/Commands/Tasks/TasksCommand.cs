using System.CommandLine;
using Spectre.Console;

namespace Cortex.Host.Commands.Tasks;

/// <summary><c>cortex tasks</c>: every registered task with what its score means, its default episodes and its parameters.</summary>
internal static class TasksCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("tasks", "List registered cognitive tasks with their parameters and defaults (run one with 'cortex task run NAME')");
        command.SetAction(_ => ErrorReporting.Guard(console, () =>
        {
            using var catalog = RunPipeline.CreateRuntime(console);
            var tasks = catalog.Registry.Tasks.Values.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
            if (tasks.Count == 0) console.Out.WriteLine("no tasks are registered");
            foreach (var task in tasks)
            {
                console.Out.WriteLine($"task {task.Name}: {task.Description}");
                console.Out.WriteLine($"  score: {task.ScoreDescription}; {task.DefaultEpisodes} episode{(task.DefaultEpisodes == 1 ? "" : "s")} by default");
                if (task.Parameters.Count == 0) continue;
                var table = new Table().AddColumns("parameter (--NAME VALUE)", "default", "rule", "meaning");
                foreach (var p in task.Parameters)
                {
                    var named = p.Choices.Count > 0 && p.Default >= 0 && p.Default < p.Choices.Count && p.Default == Math.Floor(p.Default);
                    var defaultText = named ? p.Choices[(int)p.Default] : p.DefaultQuantity.ToString();
                    var rule = p.Choices.Count > 0 ? $"one of {string.Join(", ", p.Choices)}" : p.Rule.ToString();
                    table.AddRow(Markup.Escape(p.Name), Markup.Escape(defaultText), Markup.Escape(rule), Markup.Escape(p.Description));
                }
                console.Ansi.Write(table);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
