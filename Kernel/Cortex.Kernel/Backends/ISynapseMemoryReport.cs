namespace Cortex.Backends;

/// <summary>A session that can say how many bytes its synapse storage takes (for benchmarks and capacity planning).</summary>
public interface ISynapseMemoryReport
{
    /// <summary>Bytes of synapse storage held by the session.</summary>
    long SynapseBytes { get; }
}
