namespace Cortex.Host.Commands;

/// <summary>An output file a command writes only at its end, checked before the long part of the command starts.</summary>
internal static class OutputFile
{
    /// <summary>
    /// Refuses <paramref name="path"/> (given with <paramref name="option"/>) when it cannot be written: found only at the
    /// end, it would turn a finished run into an error. A missing folder is created, as the writer would.
    /// </summary>
    /// <exception cref="UsageException">The path cannot be written; the message names the option and the path.</exception>
    public static void CheckWritable(string? path, string option)
    {
        if (path is null) return;
        try
        {
            var probe = Path.GetFullPath(path) + ".tmp";
            Directory.CreateDirectory(Path.GetDirectoryName(probe)!);
            using (File.Open(probe, FileMode.Create, FileAccess.Write))
            {
            }
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new UsageException($"{option}: cannot write {path} ({e.Message})");
        }
    }
}
