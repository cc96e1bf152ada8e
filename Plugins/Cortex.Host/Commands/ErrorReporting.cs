using Cortex.Backends;
using Cortex.Input;
using Cortex.Recording;
using Cortex.Registry;
using Cortex.Spec;

namespace Cortex.Host.Commands;

/// <summary>Maps every expected failure to a clear message and exit code; only genuine bugs say "internal error".</summary>
internal static class ErrorReporting
{
    /// <summary>The out-of-memory line; the recordings were completed with what was handed to them before.</summary>
    private static readonly string OutOfMemory =
        $"out of memory: the run needed more than the {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 20):N0} MiB this process may use " +
        "(a model or plugin that allocates without bound?); what was recorded before is kept in the output folder";

    public static int Guard(CliConsole console, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is SpecValidationException or SpecFormatException or UnknownComponentException
                                       or DuplicateComponentException or FileNotFoundException or DirectoryNotFoundException
                                       or UsageException or UnsupportedComponentException or BackendUnavailableException or InputFileException
                                       or Cortex.Viewer.ViewerUnavailableException)
        {
            console.Fail(e.Message);
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException e) when (StopRequest.Requested(console))
        {
            // Stopped by Ctrl+C or SIGTERM: not an error, but the shell should see the signal's exit code.
            console.Error.WriteLine($"stopped: {e.Message}");
            return console.StopExitCode() ?? ExitCodes.Interrupted;
        }
        catch (Exception e) when (e is SimulationException or RecordingException or PluginFailureException or IOException or UnauthorizedAccessException or Hardware.Mpi.MpiException)
        {
            console.Fail(e.Message);
            return ExitCodes.RunFailed;
        }
        catch (Exception e) when (IsOutOfMemory(e))
        {
            // Unwound by now: what the failed step held is garbage, so there is memory again to say so.
            GC.Collect();
            console.Fail(OutOfMemory);
            return ExitCodes.RunFailed;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("CORTEX_DEBUG") is null)
        {
            console.Fail($"internal error ({e.GetType().Name}): {e.Message}. Set CORTEX_DEBUG=1 for details and please report it.");
            return ExitCodes.InternalError;
        }
    }
    // The CLR's own, or libtorch's allocator failing (TorchSharp surfaces it as an ExternalException whose message
    // carries the C++ frames): both are the same condition for the user.
    private static bool IsOutOfMemory(Exception e) =>
        e is OutOfMemoryException || e.GetBaseException() is OutOfMemoryException
        || (e is System.Runtime.InteropServices.ExternalException && e.Message.Contains("can't allocate memory", StringComparison.Ordinal));
}

/// <summary>A command-line value that is out of range; reported like a spec error.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>A plugin's code threw while a network was built or run; the message names the plugin, its path and the component.</summary>
internal sealed class PluginFailureException(string message, Exception inner) : Exception(message, inner);
