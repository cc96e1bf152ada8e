using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Plasticity;

/// <summary>
/// One step of the Hebbian trace of differentiable plasticity (Miconi, Clune &amp; Stanley 2018). The trace is
/// indexed [post, pre] like a weight matrix (row i holds the inputs of neuron i), with any leading batch
/// dimensions: every sequence of a batch is its own episode with its own trace.
/// </summary>
public static class HebbianTrace
{
    /// <summary>
    /// The trace after a step: <see cref="HebbianRule.Decaying"/> gives (1 − η)·Hebb + η·post·preᵀ,
    /// <see cref="HebbianRule.Oja"/> gives Hebb + η·post·(preᵀ − post·Hebb). Differentiable in every argument,
    /// η included (a scalar tensor).
    /// </summary>
    /// <param name="hebb">The trace [..., post, pre].</param>
    /// <param name="pre">Presynaptic activity of the previous step, y_{t−1} [..., pre].</param>
    /// <param name="post">Postsynaptic activity of this step, y_t [..., post].</param>
    /// <param name="eta">The plasticity rate η (a scalar tensor, usually a learned parameter).</param>
    /// <param name="rule">Which update.</param>
    public static Tensor Next(Tensor hebb, Tensor pre, Tensor post, Tensor eta, HebbianRule rule)
    {
        ArgumentNullException.ThrowIfNull(hebb);
        ArgumentNullException.ThrowIfNull(pre);
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(eta);
        using var one = 1.ToScalar(); // held to the end, not a temporary the GC may free mid-call (see PlasticRecurrentLayer)
        using var scope = NewDisposeScope();
        var postColumn = post.unsqueeze(-1);
        var coincidence = postColumn * pre.unsqueeze(-2);
        // (1 − η)·Hebb + η·C is lerp(Hebb, C, η): one fused pass over the trace instead of three.
        var next = rule switch
        {
            HebbianRule.Decaying => hebb.lerp(coincidence, eta),
            HebbianRule.Oja => hebb.add(eta * (coincidence - postColumn.square() * hebb), one),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "unknown Hebbian rule"),
        };
        return next.MoveToOuterDisposeScope();
    }
}
