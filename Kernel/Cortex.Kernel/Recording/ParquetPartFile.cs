namespace Cortex.Recording;

/// <summary>
/// One part of a <see cref="ParquetAppendFile"/> being written under a hidden temporary name, a row group at a time:
/// <see cref="Commit"/> writes the footer, syncs the file if asked and renames it into place; disposing it uncommitted
/// removes the temporary file, so readers only ever see whole parts. A sink can fill a part with chunks of its buffer
/// while the run goes on, and the flush at the end of a run then encodes only the rows since the last chunk instead of
/// every row since the last flush. Rows in an uncommitted part are lost to a kill as buffered rows are.
/// </summary>
/// <remarks>
/// How the row groups and the footer are encoded is the subclass's: Parquet.Net for the state samples
/// (<see cref="ParquetNetPart"/>), a dedicated encoder for the spikes (<see cref="ParquetSpikePart"/>).
/// </remarks>
internal abstract class ParquetPartFile : IDisposable
{
    private readonly string _temporary;
    private readonly string _final;
    private readonly FileStream _file;
    private bool _closed;

    /// <param name="folder">The parts folder.</param>
    /// <param name="index">The part's number (<see cref="ParquetParts.PartName"/>).</param>
    /// <param name="wrap">Tests only: wraps the file stream (e.g. to simulate a full disk).</param>
    protected ParquetPartFile(string folder, int index, Func<Stream, Stream>? wrap)
    {
        var name = ParquetParts.PartName(index);
        _final = System.IO.Path.Combine(folder, name);
        _temporary = System.IO.Path.Combine(folder, "." + name + ".tmp");
        _file = new FileStream(_temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        Target = wrap is null ? _file : wrap(_file);
    }

    /// <summary>Rows written so far.</summary>
    public long Rows { get; protected set; }

    /// <summary>Row groups written so far.</summary>
    public int RowGroups { get; protected set; }

    /// <summary>The stream the part's bytes go to: the file, or the tests' wrapper around it.</summary>
    protected Stream Target { get; }

    /// <summary>Throws once the part was committed or disposed.</summary>
    protected void EnsureOpen() => ObjectDisposedException.ThrowIf(_closed, this);

    /// <summary>Writes the footer, syncs the file to the disk when <paramref name="sync"/>, and renames it into place.</summary>
    public void Commit(bool sync)
    {
        EnsureOpen();
        WriteFooter();
        Target.Flush();
        _file.Flush(flushToDisk: sync);
        Close();
        File.Move(_temporary, _final);
    }

    /// <summary>Removes the temporary file unless the part was committed.</summary>
    public void Dispose()
    {
        if (_closed)
        {
            return;
        }
        Close();
        try
        {
            File.Delete(_temporary);
        }
#pragma warning disable CA1031 // Best effort: the original exception, if any, is what the caller must see.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>Writes the file's footer (and whatever the encoder still holds) to <see cref="Target"/>.</summary>
    protected abstract void WriteFooter();

    /// <summary>Closes the streams a subclass put in front of <see cref="Target"/>; called once, before the file closes.</summary>
    protected virtual void CloseEncoder()
    {
    }

    private void Close()
    {
        _closed = true;
        CloseEncoder();
        if (!ReferenceEquals(Target, _file))
        {
            Target.Dispose();
        }
        _file.Dispose();
    }
}
