using System.Globalization;
using Cortex.Tasks;
using Spectre.Console;

namespace Cortex.Host.Commands.Tasks;

/// <summary>
/// Shows a task run: on a terminal a Spectre progress bar per episode (steps done, return so far, running score); in
/// logs and CI (no TTY or CI set) one plain line per finished episode, so output stays readable.
/// </summary>
internal sealed class TaskProgressView(CliConsole console, TaskModel task, int episodes)
{
    private ProgressContext? _context;
    private ProgressTask? _bar;
    private int _barEpisode;
    private string _running = "";

    /// <summary>Runs <paramref name="run"/> with a progress receiver suited to the console.</summary>
    public void Run(Action<IProgress<EpisodeProgress>?> run)
    {
        if (!console.Interactive)
        {
            run(null);
            return;
        }
        console.Ansi.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                _context = context;
                try
                {
                    run(new InlineProgress(Report));
                }
                finally
                {
                    _bar?.StopTask();
                    _context = null;
                }
            });
    }

    /// <summary>Called after each episode with its result and the summary so far.</summary>
    public void EpisodeDone(EpisodeResult result, TaskSummary summary)
    {
        var line = $"episode {result.Episode}/{episodes}: score {Format(result.Score)}, return {Format(result.Return)}, {result.Steps} {task.StepName}s"
                   + string.Concat(result.Metrics.Select(m => $", {m.Key} {Format(m.Value)}"))
                   + (episodes > 1 ? $"; running score {Format(summary.Score)}" : "");
        _running = $"score so far {Format(summary.Score)}";
        if (!console.Interactive)
        {
            console.Out.WriteLine(line);
            return;
        }
        if (_bar is null || _barEpisode != result.Episode)
        {
            _bar = _context?.AddTask("", maxValue: 1);
            _barEpisode = result.Episode;
        }
        if (_bar is null) return;
        _bar.Value = _bar.MaxValue;
        // The bar keeps the headline; the plain line (with every metric) is for logs.
        _bar.Description = Markup.Escape($"episode {result.Episode}/{episodes}  score {Format(result.Score)}  return {Format(result.Return)}");
        _bar.StopTask();
        _bar = null;
    }

    /// <summary>Prints the summary: the headline score and the other summary figures.</summary>
    public void PrintSummary(TaskSummary summary, int done)
    {
        var table = new Table().AddColumns("summary", "value");
        table.AddRow("score", Format(summary.Score));
        foreach (var (name, value) in summary.Metrics) table.AddRow(Markup.Escape(name), Format(value));
        console.Ansi.Write(table);
        console.Out.WriteLine($"{task.Name}: score {Format(summary.Score)} over {done} episode{(done == 1 ? "" : "s")} ({task.ScoreDescription})");
    }

    private void Report(EpisodeProgress p)
    {
        if (_context is null) return;
        if (_bar is null || _barEpisode != p.Episode)
        {
            _bar = _context.AddTask($"episode {p.Episode}/{episodes}", maxValue: p.Steps ?? 1);
            _barEpisode = p.Episode;
        }
        if (p.Steps is { } steps) _bar.Value = Math.Min(p.Step, steps);
        _bar.Description = Markup.Escape($"episode {p.Episode}/{episodes}  {task.StepName} {p.Step}{(p.Steps is { } n ? $"/{n}" : "")}  return {Format(p.Return)}"
                                         + (_running.Length > 0 ? $"  {_running}" : ""));
    }

    private static string Format(double value) => double.IsFinite(value) ? value.ToString("0.###", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>Progress callback run on the reporting thread (Progress&lt;T&gt; would post to a sync context).</summary>
    private sealed class InlineProgress(Action<EpisodeProgress> report) : IProgress<EpisodeProgress>
    {
        public void Report(EpisodeProgress value) => report(value);
    }
}
