using System.Runtime.InteropServices;

namespace Cortex.Input;

/// <summary>
/// The type and size of a path as <c>statx(2)</c> reports them after following symbolic links, on Linux. .NET's
/// <see cref="FileInfo"/> calls a FIFO or <c>/dev/zero</c> an existing file and cannot say which, and opening a FIFO
/// blocks until a writer comes; <c>statx</c> tells without opening. Its result layout is the same on every Linux
/// architecture, unlike <c>struct stat</c>.
/// </summary>
internal static partial class FileStatus
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const uint StatxSize = 0x200;
    private const int ModeOffset = 0x1C;
    private const int SizeOffset = 0x28;

    /// <summary>File type bits of st_mode (S_IFMT).</summary>
    public const int TypeMask = 0xF000;

    /// <summary>A regular file (S_IFREG).</summary>
    public const int Regular = 0x8000;

    /// <summary>A directory (S_IFDIR).</summary>
    public const int Directory = 0x4000;

    /// <summary>A FIFO (S_IFIFO).</summary>
    public const int Fifo = 0x1000;

    /// <summary>A character device (S_IFCHR).</summary>
    public const int CharacterDevice = 0x2000;

    /// <summary>A block device (S_IFBLK).</summary>
    public const int BlockDevice = 0x6000;

    /// <summary>A socket (S_IFSOCK).</summary>
    public const int Socket = 0xC000;

    /// <summary>errno: no such file.</summary>
    public const int NoEntry = 2;

    /// <summary>errno: permission denied.</summary>
    public const int AccessDenied = 13;

    /// <summary>errno: not a directory (a path component is a file).</summary>
    public const int NotDirectory = 20;

    /// <summary>errno: too many levels of symbolic links.</summary>
    public const int Loop = 40;

    /// <summary>errno: file name too long.</summary>
    public const int NameTooLong = 36;

    /// <summary>Whether <see cref="Query"/> can answer on this system.</summary>
    public static bool Available => OperatingSystem.IsLinux();

    /// <summary>The file type bits and size of <paramref name="path"/>, or the errno of the failure.</summary>
    public static (int Type, long Size, int Errno) Query(string path)
    {
        Span<byte> buffer = stackalloc byte[256];
        var result = Statx(AtFdCwd, path, 0, StatxType | StatxSize, ref MemoryMarshal.GetReference(buffer));
        if (result != 0)
        {
            return (0, 0, Marshal.GetLastPInvokeError());
        }
        var mode = BitConverter.ToUInt16(buffer[ModeOffset..]);
        var size = BitConverter.ToInt64(buffer[SizeOffset..]);
        return (mode & TypeMask, size, 0);
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, ref byte buffer);
}
