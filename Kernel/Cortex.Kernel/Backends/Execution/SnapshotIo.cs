using System.Runtime.InteropServices;

namespace Cortex.Backends.Execution;

/// <summary>Raw array reads and writes for session snapshots (length-prefixed, so a mismatched snapshot is caught).</summary>
public static class SnapshotIo
{
    /// <summary>Writes the length and the bytes of <paramref name="values"/>.</summary>
    public static void WriteArray<T>(this BinaryWriter writer, ReadOnlySpan<T> values) where T : unmanaged
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values));
    }

    /// <summary>Reads into <paramref name="into"/> what <see cref="WriteArray{T}"/> wrote; the lengths must agree.</summary>
    public static void ReadArray<T>(this BinaryReader reader, Span<T> into) where T : unmanaged
    {
        var length = reader.ReadInt32();
        if (length != into.Length) throw new InvalidDataException($"snapshot does not fit this session: an array of {length} values where {into.Length} are expected");
        var bytes = MemoryMarshal.AsBytes(into);
        if (reader.Read(bytes) != bytes.Length) throw new EndOfStreamException("the snapshot ends early");
    }

    /// <summary>Writes arrays that may be absent (e.g. weights only a caller wrote), each with a presence flag.</summary>
    public static void WriteOptionalArrays(this BinaryWriter writer, float[]?[] arrays)
    {
        foreach (var array in arrays)
        {
            writer.Write(array is not null);
            if (array is not null) writer.WriteArray<float>(array);
        }
    }

    /// <summary>Reads what <see cref="WriteOptionalArrays"/> wrote, one entry per slot of <paramref name="into"/>.</summary>
    public static void ReadOptionalArrays(this BinaryReader reader, float[]?[] into)
    {
        for (var i = 0; i < into.Length; i++) into[i] = reader.ReadBoolean() ? reader.ReadArray<float>() : null;
    }

    /// <summary>Writes what drives a session from outside: stimulus streams, injected input, neuromodulator levels.</summary>
    public static void WriteDrive(this BinaryWriter writer, StimulusDriver stimuli, InjectedInput injected, NeuromodulatorLevels levels)
    {
        stimuli.Save(writer);
        injected.Save(writer);
        levels.Save(writer);
    }

    /// <summary>Reads back what <see cref="WriteDrive"/> wrote.</summary>
    public static void ReadDrive(this BinaryReader reader, StimulusDriver stimuli, InjectedInput injected, NeuromodulatorLevels levels)
    {
        stimuli.Load(reader);
        injected.Load(reader);
        levels.Load(reader);
    }

    /// <summary>Reads a length-prefixed array of any length.</summary>
    public static T[] ReadArray<T>(this BinaryReader reader) where T : unmanaged
    {
        var length = reader.ReadInt32();
        if (length < 0) throw new InvalidDataException("snapshot holds a negative array length");
        var result = new T[length];
        var bytes = MemoryMarshal.AsBytes(result.AsSpan());
        if (reader.Read(bytes) != bytes.Length) throw new EndOfStreamException("the snapshot ends early");
        return result;
    }
}
