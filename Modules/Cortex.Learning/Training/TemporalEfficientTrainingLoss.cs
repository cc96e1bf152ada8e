using static TorchSharp.torch;

namespace Cortex.Learning.Training;

/// <summary>
/// Temporal efficient training (Deng et al., ICLR 2022): the cross-entropy of every step's output, averaged
/// over steps, so each moment is pushed to be right on its own (better generalisation than CE of the mean),
/// optionally mixed with an MSE pulling every output towards a constant φ:
/// L = (1 − λ)·(1/T)Σ_t CE(out[t], y) + λ·(1/T)Σ_t MSE(out[t], φ), as in the authors' code.
/// </summary>
public sealed class TemporalEfficientTrainingLoss : TrainingLoss
{
    /// <summary>Creates the loss with regulariser weight <paramref name="lambda"/> ∈ [0, 1] and target <paramref name="phi"/>.</summary>
    public TemporalEfficientTrainingLoss(double lambda = 0, double phi = 1)
    {
        if (!(lambda >= 0 && lambda <= 1)) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "tet_lambda must be in [0, 1]");
        if (!double.IsFinite(phi)) throw new ArgumentOutOfRangeException(nameof(phi), phi, "tet_phi must be finite");
        Lambda = lambda;
        Phi = phi;
    }

    /// <summary>λ: weight of the MSE regulariser.</summary>
    public double Lambda { get; }

    /// <summary>φ: the regulariser's target output.</summary>
    public double Phi { get; }

    /// <inheritdoc />
    public override string Name => "tet";

    /// <inheritdoc />
    public override Tensor Compute(Tensor output, Tensor labels)
    {
        CheckShapes(output, labels);
        using var scope = NewDisposeScope();
        var steps = output.shape[0];
        var classes = output.shape[2];
        // CE with mean reduction over all T·B rows = (1/T) Σ_t mean_b CE(out[t, b], y_b).
        var perStep = nn.functional.cross_entropy(output.reshape(-1, classes), labels.repeat(steps));
        if (Lambda == 0) return perStep.MoveToOuterDisposeScope();
        var regulariser = nn.functional.mse_loss(output, full_like(output, Phi));
        return ((perStep * (1 - Lambda)) + (regulariser * Lambda)).MoveToOuterDisposeScope();
    }
}
