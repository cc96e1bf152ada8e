using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cortex.Learning.Graphs;

/// <summary>
/// The two-layer GCN of Kipf &amp; Welling (ICLR 2017, eq. 9), the non-spiking baseline of SpikingGCN:
/// Z = S · dropout(ReLU(S · dropout(X) · W₀ + b₀)) · W₁ + b₁ with S the normalised adjacency, all nodes at once.
/// Weights are Glorot-uniform as in their code.
/// </summary>
public sealed class GraphConvolutionalNetwork : nn.Module<Tensor, Tensor>
{
    // Field names equal the registered names so Module.to() can swap them.
    private readonly Tensor adjacency;
    private readonly Parameter weight0;
    private readonly Parameter bias0;
    private readonly Parameter weight1;
    private readonly Parameter bias1;

    /// <summary>A GCN on <paramref name="adjacency"/> (S, [N, N], copied) with the given widths.</summary>
    public GraphConvolutionalNetwork(Tensor adjacency, long features, long hidden, long classes, double dropout) : base(nameof(GraphConvolutionalNetwork))
    {
        ArgumentNullException.ThrowIfNull(adjacency);
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        if (!(dropout >= 0 && dropout < 1)) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "dropout must be in [0, 1)");
        Dropout = dropout;
        this.adjacency = adjacency.detach().clone();
        using (no_grad())
        {
            weight0 = nn.Parameter(Glorot(features, hidden));
            bias0 = nn.Parameter(zeros(hidden));
            weight1 = nn.Parameter(Glorot(hidden, classes));
            bias1 = nn.Parameter(zeros(classes));
        }
        register_buffer("adjacency", this.adjacency, persistent: false);
        register_parameter("weight0", weight0);
        register_parameter("bias0", bias0);
        register_parameter("weight1", weight1);
        register_parameter("bias1", bias1);
    }

    /// <summary>The dropout probability on each layer's input in training.</summary>
    public double Dropout { get; }

    /// <summary>The first layer's weights [features, hidden] (Kipf &amp; Welling decay only these).</summary>
    public Parameter FirstWeight => weight0;

    /// <summary>Class scores (logits) of every node, [N, classes], from node features <paramref name="features"/> [N, F].</summary>
    public override Tensor forward(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        using var scope = NewDisposeScope();
        var x = nn.functional.dropout(features, Dropout, training);
        var h = nn.functional.relu(adjacency.matmul(x.matmul(weight0)) + bias0);
        h = nn.functional.dropout(h, Dropout, training);
        return (adjacency.matmul(h.matmul(weight1)) + bias1).MoveToOuterDisposeScope();
    }

    private static Tensor Glorot(long fanIn, long fanOut)
    {
        var bound = Math.Sqrt(6.0 / (fanIn + fanOut));
        return empty(fanIn, fanOut).uniform_(-bound, bound);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) adjacency.Dispose();
        base.Dispose(disposing);
    }
}
