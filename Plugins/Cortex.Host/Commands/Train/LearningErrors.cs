using Cortex.Learning.Data;
using Cortex.Learning.Export;
using Cortex.Learning.Registry;
using Cortex.Learning.Training;
using Cortex.Nir;

namespace Cortex.Host.Commands.Train;

/// <summary>
/// The training commands' failures mapped onto the host's exit codes: a bad config, checkpoint, NIR file,
/// unexportable network or missing dataset is bad input (2), a run that diverged or could not load libtorch failed (3); one line each.
/// </summary>
internal static class LearningErrors
{
    public static int Guard(CliConsole console, Func<int> action) => ErrorReporting.Guard(console, () =>
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is LearningConfigException or DatasetMissingException or CheckpointException or InvalidDataException
                                  or NirFormatException or ExportException)
        {
            throw new UsageException(e.Message);
        }
        catch (TrainingDivergedException e)
        {
            console.Fail(e.Message);
            return ExitCodes.RunFailed;
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException && e.GetBaseException() is var cause
                                  && (cause is DllNotFoundException || cause.Message.Contains("LibTorchSharp", StringComparison.Ordinal)))
        {
            console.Fail($"libtorch could not be loaded (run scripts/setup-torch.sh): {cause.Message}");
            return ExitCodes.RunFailed;
        }
    });
}
