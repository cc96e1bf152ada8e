namespace Cortex.Recording;

/// <summary>
/// Where a recording file's flushed parts live while it is being written. Each flush of a Parquet sink becomes one
/// complete Parquet file, <c>spikes.parquet.parts/00000001.parquet</c>, written under a hidden temporary name and renamed
/// into place, so a process killed at any moment leaves only whole parts (rename is atomic). A normal close merges the
/// parts into <c>spikes.parquet</c> and removes the folder. Readers take the merged file when it exists and the parts
/// otherwise; pyarrow and pandas read the folder as one data set (<c>pd.read_parquet("spikes.parquet.parts")</c>).
/// </summary>
public static class ParquetParts
{
    /// <summary>Suffix of the folder beside the file that holds its parts.</summary>
    public const string FolderSuffix = ".parts";

    /// <summary>The folder of the parts of <paramref name="file"/>.</summary>
    public static string Folder(string file) => file + FolderSuffix;

    /// <summary>The name of part <paramref name="index"/> (ordinal order is write order).</summary>
    public static string PartName(int index) => index.ToString("D8", System.Globalization.CultureInfo.InvariantCulture) + ".parquet";

    /// <summary>True when <paramref name="file"/> exists, merged or as parts.</summary>
    public static bool Exists(string file) => File.Exists(file) || Directory.Exists(Folder(file));

    /// <summary>
    /// The files that hold <paramref name="file"/>'s rows, in order: the merged file when it exists (a merge is renamed into
    /// place before its parts are removed), else every whole part. Temporary parts (hidden names) are never listed.
    /// </summary>
    /// <exception cref="FileNotFoundException">Neither the file nor its parts exist.</exception>
    public static IReadOnlyList<string> Files(string file)
    {
        if (File.Exists(file))
        {
            return [file];
        }
        var folder = Folder(file);
        if (!Directory.Exists(folder))
        {
            throw new FileNotFoundException($"{file}: no such recording (neither the file nor {folder})", file);
        }
        var parts = Directory.GetFiles(folder, "*.parquet")
            .Where(p => !System.IO.Path.GetFileName(p).StartsWith('.'))
            .ToList();
        parts.Sort(StringComparer.Ordinal);
        return parts;
    }
}
