namespace Cortex.Input;

/// <summary>
/// The one check every file the CLI reads goes through (spec, training config, checkpoint, NIR graph, dataset, plugin):
/// a regular file (symbolic links followed), readable, and no larger than a cap. Without it a FIFO hangs the reader,
/// <c>/dev/zero</c> fills memory, and a permission error or a link loop surfaces as a failed run instead of bad input.
/// </summary>
public static class InputFile
{
    /// <summary>Cap for text inputs read whole into memory (specs, configs): 64 MiB.</summary>
    public const long TextCap = 64L << 20;

    /// <summary>Cap for binary inputs (checkpoints, NIR graphs, datasets, plugin assemblies): 16 GiB.</summary>
    public const long BinaryCap = 16L << 30;

    /// <summary>Throws unless <paramref name="path"/> is a readable regular file of at most <paramref name="maxBytes"/>.</summary>
    /// <param name="path">The path as the user gave it (named in the message).</param>
    /// <param name="what">What the file is, for the not-found message ("spec file", "checkpoint").</param>
    /// <param name="maxBytes">The largest size accepted.</param>
    /// <exception cref="FileNotFoundException">Nothing at <paramref name="path"/>.</exception>
    /// <exception cref="InputFileException">Something that is not a readable regular file within the cap.</exception>
    public static void Check(string path, string what, long maxBytes)
    {
        if (!Exists(path, what, maxBytes))
        {
            throw new FileNotFoundException($"{what} not found: {path}", path);
        }
    }

    /// <summary>
    /// A drop-in for <see cref="File.Exists(string)"/> at the places that read user files: false when nothing is at
    /// <paramref name="path"/> (the caller keeps its own not-found message), true for a readable regular file within
    /// <paramref name="maxBytes"/>, and <see cref="InputFileException"/> for anything else.
    /// </summary>
    /// <param name="path">The path as the user gave it (named in the message).</param>
    /// <param name="what">What the file should be, for the message ("spec file", "checkpoint").</param>
    /// <param name="maxBytes">The largest size accepted.</param>
    /// <exception cref="InputFileException">Something that is not a readable regular file within the cap.</exception>
    public static bool Exists(string path, string what, long maxBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (FileStatus.Available)
        {
            var (type, size, errno) = FileStatus.Query(path);
            switch (errno)
            {
                case 0:
                    break;
                case FileStatus.NoEntry or FileStatus.NotDirectory:
                    return false;
                case FileStatus.Loop:
                    throw new InputFileException(path, "too many levels of symbolic links (a link loop?)");
                case FileStatus.AccessDenied:
                    throw new InputFileException(path, "permission denied");
                case FileStatus.NameTooLong:
                    throw new InputFileException(path, "file name too long");
                default:
                    throw new InputFileException(path, $"cannot be examined (errno {errno})");
            }
            if (type != FileStatus.Regular)
            {
                throw new InputFileException(path, $"not a regular file ({Describe(type)}); give the path of a {what}");
            }
            CheckSize(path, size, maxBytes);
        }
        else
        {
            if (Directory.Exists(path))
            {
                throw new InputFileException(path, $"not a regular file (a directory); give the path of a {what}");
            }
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return false;
            }
            CheckSize(path, info.Length, maxBytes);
        }
        CheckReadable(path);
        return true;
    }

    private static void CheckSize(string path, long size, long maxBytes)
    {
        if (size > maxBytes)
        {
            throw new InputFileException(path, $"{Bytes(size)}, more than the {Bytes(maxBytes)} accepted for this input");
        }
    }

    /// <summary>Opening a regular file never blocks; it tells what the mode bits alone do not (ACLs, root, read-only mounts).</summary>
    private static void CheckReadable(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (UnauthorizedAccessException)
        {
            throw new InputFileException(path, "permission denied");
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            throw new InputFileException(path, $"cannot be opened: {e.Message}");
        }
    }

    private static string Describe(int type) => type switch
    {
        FileStatus.Directory => "a directory",
        FileStatus.Fifo => "a FIFO",
        FileStatus.CharacterDevice => "a character device",
        FileStatus.BlockDevice => "a block device",
        FileStatus.Socket => "a socket",
        _ => "not a file",
    };

    private static string Bytes(long bytes) => bytes >= 1L << 30
        ? FormattableString.Invariant($"{bytes / (double)(1L << 30):0.#} GiB")
        : FormattableString.Invariant($"{bytes / (double)(1L << 20):0.#} MiB");
}
