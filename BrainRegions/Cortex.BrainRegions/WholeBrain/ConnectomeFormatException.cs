namespace Cortex.BrainRegions.WholeBrain;

/// <summary>A connectome folder or file that cannot be read: the message names the file, the line when there is one, and the problem.</summary>
public sealed class ConnectomeFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="file"/>, at 1-based <paramref name="line"/> (0 for the whole file).</summary>
    public ConnectomeFormatException(string file, int line, string problem)
        : base(line > 0 ? $"{file}:{line}: {problem}" : $"{file}: {problem}")
    {
        File = file;
        Line = line;
    }

    /// <summary>The file at fault.</summary>
    public string File { get; }

    /// <summary>The 1-based line at fault, or 0.</summary>
    public int Line { get; }
}
