namespace Cortex.Simulation;

/// <summary>
/// The whole state of a <see cref="ClosedLoopSession"/> at one step: neuron and receptor state, weights, rule
/// state, queued spikes, stimulus random streams, injected input and neuromodulator levels. Restoring it into a
/// session of the same compiled network and continuing gives the same spikes as never having stopped.
/// </summary>
/// <param name="Step">The step the session was at.</param>
/// <param name="Fingerprint">Identifies the network shape it fits (sizes, synapse counts, backend).</param>
/// <param name="Data">The serialised state.</param>
public sealed record SessionSnapshot(long Step, string Fingerprint, byte[] Data)
{
    /// <summary>Writes the snapshot to a file.</summary>
    public void Save(string path)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(Step);
        writer.Write(Fingerprint);
        writer.Write(Data.Length);
        writer.Write(Data);
    }

    /// <summary>Reads a snapshot written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a snapshot.</exception>
    public static SessionSnapshot Load(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        try
        {
            var step = reader.ReadInt64();
            var fingerprint = reader.ReadString();
            var length = reader.ReadInt32();
            var data = reader.ReadBytes(length);
            if (data.Length != length) throw new InvalidDataException($"{path}: snapshot is truncated");
            return new SessionSnapshot(step, fingerprint, data);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path}: not a Cortex session snapshot", e);
        }
    }
}
