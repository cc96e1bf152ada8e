using Cortex.Nir.Nodes;

namespace Cortex.Nir.Tests;

/// <summary>Interchange with h5py, the HDF5 library behind the reference <c>nir.read</c>/<c>nir.write</c>.</summary>
public sealed class NirH5pyTests
{
    // The write path of nir.write, restated: strings as h5py.string_dtype(), arrays gzip-compressed with
    // their numpy dtype, other values (ints, lists of string pairs) through plain create_dataset.
    private const string WriteLikeNir = """
        import sys, h5py, numpy as np
        def put(group, name, value):
            if isinstance(value, str): group.create_dataset(name, data=value, dtype=h5py.string_dtype())
            elif isinstance(value, np.ndarray): group.create_dataset(name, data=value, dtype=value.dtype, compression="gzip")
            elif isinstance(value, dict):
                sub = group.create_group(name)
                for k, v in value.items(): put(sub, k, v)
            else: group.create_dataset(name, data=value)
        f32 = lambda *v: np.array(v, dtype=np.float32)
        graph = {"type": "NIRGraph",
                 "nodes": {"input": {"type": "Input", "shape": np.array([2])},
                           "fc": {"type": "Affine", "weight": f32([0.5, -1.5], [2.25, 3.0]), "bias": f32(0.1, -0.2)},
                           "lif": {"type": "LIF", "tau": f32(0.005, 0.02), "r": f32(1, 1), "v_leak": f32(0, 0),
                                   "v_threshold": f32(1, 1), "v_reset": f32(0, -0.5)},
                           "output": {"type": "Output", "shape": np.array([2])}},
                 "edges": [("input", "fc"), ("fc", "lif"), ("lif", "output")]}
        with h5py.File(sys.argv[1], "w") as f:
            f.create_dataset("version", data="1.0.7", dtype=h5py.string_dtype())
            put(f, "node", graph)
        """;

    [H5pyFact]
    public void Reads_a_file_written_the_way_nir_write_writes_it()
    {
        using var file = new TempFile();
        H5pyFactAttribute.Run(WriteLikeNir, file.Path);

        var graph = NirFile.Read(file.Path);

        var fc = Assert.IsType<NirAffine>(graph.Nodes["fc"]);
        Assert.Equal([0.5f, -1.5f, 2.25f, 3.0f], fc.Weight.Data);
        Assert.Equal([0.1f, -0.2f], fc.Bias.Data);
        var lif = Assert.IsType<NirLif>(graph.Nodes["lif"]);
        Assert.Equal([0.005f, 0.02f], lif.Tau.Data);
        Assert.Equal([0f, -0.5f], lif.VReset.Data);
        Assert.Equal([new NirEdge("input", "fc"), new NirEdge("fc", "lif"), new NirEdge("lif", "output")], graph.Edges);
    }

    [H5pyFact]
    public void h5py_reads_our_file_as_nir_read_expects_it()
    {
        var random = new Random(5);
        var affine = Graphs.Affine(random, 2, 3, 1);
        var graph = NirGraph.Sequential(("input", new NirInput([3])), ("fc", affine), ("lif", Graphs.Lif(2, 0.01f)), ("output", new NirOutput([2])));
        using var file = new TempFile();
        NirFile.Write(file.Path, graph);

        var output = H5pyFactAttribute.Run("""
            import sys, h5py
            with h5py.File(sys.argv[1], "r") as f:
                n = f["node"]
                print(f["version"][()].decode("utf8"), n["type"][()].decode("utf8"))
                print(";".join(a.decode("utf8") + ">" + b.decode("utf8") for a, b in n["edges"][()]))
                w = n["nodes"]["fc"]["weight"]
                print(w.dtype, w.shape, n["nodes"]["input"]["shape"].dtype, n["nodes"]["fc"]["type"][()].decode("utf8"))
                print(" ".join(repr(float(x)) for x in w[()].ravel()))
            """, file.Path).Split('\n');

        Assert.Equal($"{NirGraph.CurrentVersion} NIRGraph", output[0]);
        Assert.Equal("input>fc;fc>lif;lif>output", output[1]);
        Assert.Equal("float32 (2, 3) int64 Affine", output[2]);
        Assert.Equal(affine.Weight.Data, output[3].Split(' ').Select(s => (float)double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
