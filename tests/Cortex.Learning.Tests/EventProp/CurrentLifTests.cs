using Cortex.Learning.EventProp;

namespace Cortex.Learning.Tests.EventProp;

/// <summary>
/// The closed-form neuron against a numerical integration of its ODE (RK4, written here): the membrane trajectory,
/// the threshold crossing and the adjoint (the sensitivity of the end state to the start state, by finite
/// differences of the integrated trajectory).
/// </summary>
public sealed class CurrentLifTests
{
    private static readonly CurrentLif Neuron = new(TauMem: 20, TauSyn: 5, Threshold: 1);

    // τ_mem dV/dt = −V + I, τ_syn dI/dt = −I, integrated with classic RK4.
    private static (double V, double I) Integrate(CurrentLif n, double v, double i, double span, int steps)
    {
        var h = span / steps;
        for (var k = 0; k < steps; k++)
        {
            (double dv, double di) F(double vv, double ii) => ((ii - vv) / n.TauMem, -ii / n.TauSyn);
            var (a1, b1) = F(v, i);
            var (a2, b2) = F(v + (h / 2 * a1), i + (h / 2 * b1));
            var (a3, b3) = F(v + (h / 2 * a2), i + (h / 2 * b2));
            var (a4, b4) = F(v + (h * a3), i + (h * b3));
            v += h / 6 * (a1 + (2 * a2) + (2 * a3) + a4);
            i += h / 6 * (b1 + (2 * b2) + (2 * b3) + b4);
        }
        return (v, i);
    }

    [Theory]
    [InlineData(0.0, 3.0, 7.0)]
    [InlineData(0.8, -1.0, 12.5)]
    [InlineData(-0.3, 0.5, 40.0)]
    public void Advance_MatchesTheIntegratedOde(double v0, double i0, double span)
    {
        var (v, i) = (v0, i0);
        Neuron.Advance(ref v, ref i, span);
        var (ve, ie) = Integrate(Neuron, v0, i0, span, 20_000);
        Assert.Equal(ve, v, 1e-10);
        Assert.Equal(ie, i, 1e-10);
    }

    [Theory]
    [InlineData(0.0, 8.0, 50.0)]     // rises through ϑ before its peak
    [InlineData(0.9, 0.5, 50.0)]     // dips first (V > I), then the current cannot lift it: no crossing
    [InlineData(0.2, 6.5, 50.0)]
    [InlineData(0.0, 6.0, 1.0)]      // would cross, but after the span ends
    [InlineData(0.0, 5.0, 50.0)]     // peak 0.47·5 ≈ 2.4 > 1
    [InlineData(0.0, 2.0, 50.0)]     // peak ≈ 0.94 < 1: never
    public void FirstCrossing_IsWhereADenseScanOfTheIntegratedTrajectoryCrosses(double v0, double i0, double span)
    {
        var crossing = Neuron.FirstCrossing(v0, i0, span);
        // Scan the RK4 trajectory in 1e-4 ms steps; interpolate the step that crosses.
        const double h = 1e-4;
        double v = v0, i = i0, expected = double.NaN;
        for (var t = 0.0; t < span - 1e-12; t += h)
        {
            var step = Math.Min(h, span - t);
            var (vn, inext) = Integrate(Neuron, v, i, step, 1);
            if (v < 1 && vn >= 1)
            {
                expected = t + (step * (1 - v) / (vn - v));
                break;
            }
            (v, i) = (vn, inext);
        }
        if (double.IsNaN(expected)) Assert.True(double.IsNaN(crossing), $"expected no crossing, got {crossing}");
        else
        {
            Assert.Equal(expected, crossing, 1e-6);
            Assert.Equal(Neuron.Threshold, Neuron.Voltage(v0, i0, crossing), 1e-12);
        }
    }

    [Theory]
    [InlineData(1.0, 0.0, 6.0)]
    [InlineData(0.0, 1.0, 6.0)]
    [InlineData(-0.7, 2.0, 23.0)]
    public void AdjointBack_IsTheSensitivityOfTheEndStateToTheStartState(double a, double b, double span)
    {
        // L = a·V(s) + b·I(s); λ(0) = (∂L/∂V(0), ∂L/∂I(0)) by central differences of the integrated ODE.
        double Loss(double v, double i)
        {
            var (ve, ie) = Integrate(Neuron, v, i, span, 4000);
            return (a * ve) + (b * ie);
        }
        const double h = 1e-4;
        var dV = (Loss(0.3 + h, 1.1) - Loss(0.3 - h, 1.1)) / (2 * h);
        var dI = (Loss(0.3, 1.1 + h) - Loss(0.3, 1.1 - h)) / (2 * h);
        double lambdaV = a, lambdaI = b;
        Neuron.AdvanceAdjointBack(ref lambdaV, ref lambdaI, span);
        Assert.Equal(dV, lambdaV, 1e-8);
        Assert.Equal(dI, lambdaI, 1e-8);
    }
}
