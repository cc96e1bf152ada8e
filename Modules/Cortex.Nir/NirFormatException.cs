namespace Cortex.Nir;

/// <summary>
/// A NIR file or graph that cannot be used: not HDF5, missing or malformed parameters, unknown node
/// types, inconsistent shapes. The message names the file and the node/parameter path.
/// </summary>
public sealed class NirFormatException : Exception
{
    /// <summary>Creates the exception with a message that already names the offending element.</summary>
    public NirFormatException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception, keeping the low-level cause (e.g. the HDF5 library's error).</summary>
    public NirFormatException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public NirFormatException() : base("malformed NIR graph")
    {
    }
}
