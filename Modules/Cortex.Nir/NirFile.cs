using Cortex.Nir.Nodes;

namespace Cortex.Nir;

/// <summary>
/// Reads and writes NIR graphs in the HDF5 layout of the reference Python library (<c>nir.read</c> /
/// <c>nir.write</c>): a root dataset <c>version</c> (variable-length UTF-8 string), a root group
/// <c>node</c> holding the top graph; a graph group has the string dataset <c>type</c> = "NIRGraph",
/// a group <c>nodes</c> with one group per node, and <c>edges</c>, an [E, 2] dataset of strings
/// (source, target). Each primitive is a group with a string dataset <c>type</c> and one dataset per parameter.
/// </summary>
public static class NirFile
{
    /// <summary>
    /// Reads the graph in <paramref name="path"/> and checks it with <see cref="NirValidator"/>.
    /// Throws <see cref="NirFormatException"/> naming the file and the node/parameter at fault.
    /// </summary>
    public static NirGraph Read(string path, bool validate = true)
    {
        var graph = NirReader.Read(path);
        if (validate) NirValidator.ThrowIfInvalid(graph, Path.GetFileName(path));
        return graph;
    }

    /// <summary>
    /// Writes <paramref name="graph"/> to <paramref name="path"/> (float32 parameters, int64 integers,
    /// variable-length UTF-8 strings, as <c>nir.write</c> does), after checking it with <see cref="NirValidator"/>.
    /// </summary>
    public static void Write(string path, NirGraph graph, bool validate = true)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (validate) NirValidator.ThrowIfInvalid(graph, Path.GetFileName(path));
        NirWriter.Write(path, graph);
    }
}
