namespace Cortex.Learning.Data;

/// <summary>
/// A dataset file is not on this machine. The message names the file, the Debian package that provides it
/// and that <c>./cortex train</c> installs it, so the fix is one command away.
/// </summary>
public sealed class DatasetMissingException : Exception
{
    /// <summary>Reports that <paramref name="path"/> of <paramref name="dataset"/>, shipped by <paramref name="debianPackage"/>, is missing.</summary>
    public DatasetMissingException(string dataset, string path, string debianPackage)
        : base($"{dataset}: file '{path}' not found. It is provided by the Debian package {debianPackage} "
            + $"(apt-get install {debianPackage}); ./cortex train installs it automatically.")
    {
        Dataset = dataset;
        MissingPath = path;
        DebianPackage = debianPackage;
    }

    /// <summary>The dataset's name.</summary>
    public string Dataset { get; }

    /// <summary>The file that was looked for.</summary>
    public string MissingPath { get; }

    /// <summary>The Debian package that installs it.</summary>
    public string DebianPackage { get; }
}
