using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Equilibrium;

/// <summary>
/// The identity forward; backward replaces the incoming gradient g of an equilibrium a* = f(a*, θ) by the adjoint
/// u = (I − J)⁻ᵀ g, J = ∂f/∂a at a*, found by the fixed-point iteration u ← g + Jᵀu. Placed on z = f(a*, θ) with a*
/// detached, autograd then carries u through f's explicit dependence on θ, which gives the implicit-function
/// gradient dL/dθ = uᵀ ∂f/∂θ (Xiao et al. 2021, eq. 8; the same construction as deep equilibrium models).
/// </summary>
internal sealed class ImplicitAdjointFunction : autograd.SingleTensorFunction<ImplicitAdjointFunction>
{
    private const string SettingsKey = "settings";

    public override string Name => "ImplicitEquilibriumAdjoint";

    /// <summary>
    /// Marks <paramref name="z"/> (= f(a*, θ)) as an equilibrium for the backward pass, whose Jacobian J = diag(slope)·W is
    /// given in factored form: the feedback weights <paramref name="feedback"/> [out, out] and <paramref name="slope"/>
    /// [B, out] (both detached). The node saves them, so they live exactly as long as the graph does.
    /// </summary>
    public static Tensor Run(Tensor z, Tensor feedback, Tensor slope, ImplicitAdjointSettings settings) => apply(z, feedback, slope, settings);

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        ctx.save_for_backward([(Tensor)vars[1], (Tensor)vars[2]]);
        ctx.save_data(SettingsKey, vars[3]);
        return ((Tensor)vars[0]).clone();
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        var settings = (ImplicitAdjointSettings)ctx.get_data(SettingsKey);
        var saved = ctx.get_saved_variables();
        var feedback = saved[0].to(grad_output.dtype);
        var slope = saved[1].to(grad_output.dtype);
        var adjoint = grad_output.clone();
        var iterations = 0;
        var change = double.PositiveInfinity;
        using (no_grad())
        {
            while (iterations < settings.Iterations)
            {
                using var scope = NewDisposeScope();
                // (Jᵀu) for J = diag(slope)·W, batch rows: (slope ⊙ u)·W.
                var next = grad_output + (slope * adjoint).matmul(feedback);
                var scale = Math.Max(next.abs().max().to(float64).item<double>(), 1e-30);
                change = (next - adjoint).abs().max().to(float64).item<double>() / scale;
                adjoint.Dispose();
                adjoint = next.MoveToOuterDisposeScope();
                iterations++;
                if (change <= settings.Tolerance || !double.IsFinite(change)) break;
            }
        }
        settings.Owner.RecordAdjointSolve(iterations, change);
        if (!double.IsFinite(change))
        {
            // W grew past contraction and the series diverged: fall back to the Jacobian-free gradient u = g
            // (Fung et al. 2022), a descent direction whenever J is small, instead of handing NaN to the optimiser.
            adjoint.Dispose();
            adjoint = grad_output.clone();
        }
        // One gradient per forward argument: the saved factors and the settings get none.
        return [adjoint, null!, null!, null!];
    }
}
