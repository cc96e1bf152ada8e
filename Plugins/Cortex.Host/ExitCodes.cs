namespace Cortex.Host;

/// <summary>Process exit codes, so scripts can tell bad input from a failed run.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The command line, a spec or another input is invalid.</summary>
    public const int BadInput = 2;

    /// <summary>The run started but failed (NaN in the state, a sink that could not write, a plugin's model threw).</summary>
    public const int RunFailed = 3;

    /// <summary><c>cortex plugins</c> listed everything, but at least one plugin was refused (the others loaded).</summary>
    public const int PluginsRefused = 4;

    /// <summary>Stopped by Ctrl+C (SIGINT) after closing the recordings: 128 + 2, as shells report it.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM after closing the recordings: 128 + 15.</summary>
    public const int Terminated = 143;

    /// <summary>A bug in Cortex.</summary>
    public const int InternalError = 70;
}
