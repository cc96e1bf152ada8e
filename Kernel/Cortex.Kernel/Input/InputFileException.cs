namespace Cortex.Input;

/// <summary>
/// A file given as input is not something the CLI can read: not a regular file (a FIFO, a device, a directory), not
/// readable, a symbolic-link loop, or larger than its cap. Bad input (exit 2), never a failed run.
/// </summary>
public sealed class InputFileException : IOException
{
    /// <summary>A refusal of <paramref name="path"/>; the message names the path and the reason.</summary>
    public InputFileException(string path, string reason)
        : base($"{path}: {reason}")
    {
        Path = path;
    }

    /// <summary>The refused path, as given.</summary>
    public string Path { get; }
}
