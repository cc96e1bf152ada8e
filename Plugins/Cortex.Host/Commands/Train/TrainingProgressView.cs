using Cortex.Learning.Training;
using Spectre.Console;

namespace Cortex.Host.Commands.Train;

/// <summary>
/// Shows a run's progress: on a terminal a Spectre progress bar per epoch with loss, accuracy and
/// images/s; in logs and CI (no TTY or CI set) one plain line per epoch, so output stays readable.
/// </summary>
internal static class TrainingProgressView
{
    /// <summary>Runs <paramref name="train"/> with a progress reporter and an epoch-summary callback suited to <paramref name="console"/>.</summary>
    public static void Run(CliConsole console, int firstEpoch, int epochs, Action<IProgress<TrainingProgress>, Action<EpochMetrics>> train)
    {
        if (!console.Interactive)
        {
            train(new CallbackProgress<TrainingProgress>(_ => { }), metrics => console.Out.WriteLine(Summary(metrics, epochs)));
            return;
        }
        console.Ansi.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                ProgressTask? task = null;
                var epoch = firstEpoch;
                train(
                    new CallbackProgress<TrainingProgress>(p =>
                    {
                        task ??= context.AddTask($"epoch {p.Epoch}/{p.Epochs}", maxValue: p.Batches);
                        if (p.Phase == TrainingPhase.Train)
                        {
                            task.MaxValue = p.Batches;
                            task.Value = p.Batch;
                            task.Description = $"epoch {p.Epoch}/{p.Epochs}  loss {p.Loss:0.0000}  acc {p.Accuracy:P1}  {p.ImagesPerSecond:N0} img/s";
                        }
                        else
                        {
                            task.Description = $"epoch {p.Epoch}/{p.Epochs}  testing {p.Batch}/{p.Batches}";
                        }
                    }),
                    metrics =>
                    {
                        if (task is not null)
                        {
                            task.Value = task.MaxValue;
                            task.Description = Markup.Escape(Summary(metrics, epochs));
                            task.StopTask();
                        }
                        task = null;
                        epoch++;
                    });
            });
    }

    /// <summary>One line per epoch: losses, accuracies, throughput, time.</summary>
    public static string Summary(EpochMetrics m, int epochs) =>
        $"epoch {m.Epoch}/{epochs}  train loss {m.TrainLoss:0.0000} acc {m.TrainAccuracy:P2}  test loss {m.TestLoss:0.0000} acc {m.TestAccuracy:P2}  "
        + $"lr {m.LearningRate:0.######}  {m.ImagesPerSecond:N0} img/s  {m.WallSeconds:0.0} s";
}
