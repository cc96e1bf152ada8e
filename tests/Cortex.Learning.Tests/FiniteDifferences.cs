using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

/// <summary>
/// Checks autograd gradients against central finite differences of the loss, in double precision. Only for losses
/// smooth in the parameters checked (no spike threshold between them and the loss), where "a gradient exists"
/// would pass for an all-zero one.
/// </summary>
internal static class FiniteDifferences
{
    /// <summary>
    /// Runs <paramref name="loss"/> backward once, then compares up to <paramref name="elementsPerParameter"/> evenly
    /// spaced elements of each parameter's gradient with the central difference of the loss; some element of some
    /// parameter must be clearly non-zero (a bias feeding a normalisation has a zero gradient by right).
    /// <paramref name="absoluteTolerance"/> covers the rounding of a float32 loss (about 1e-7·|loss| / h).
    /// </summary>
    public static void AssertGradientsMatch(Func<Tensor> loss, IEnumerable<(string Name, Tensor Parameter)> parameters, double h = 1e-6, double tolerance = 1e-6,
        int elementsPerParameter = 16, double absoluteTolerance = 0)
    {
        var checkedParameters = parameters.ToList();
        using (NewDisposeScope()) loss().backward();
        var largest = 0.0;
        foreach (var (name, parameter) in checkedParameters)
        {
            Assert.True(parameter.grad is not null, $"{name} has no gradient");
            var analytic = parameter.grad!.reshape(-1).to(float64).data<double>().ToArray();
            Assert.All(analytic, g => Assert.True(double.IsFinite(g), $"{name}: gradient {g}"));
            largest = Math.Max(largest, analytic.Max(Math.Abs));
            var stride = Math.Max(1, analytic.Length / elementsPerParameter);
            for (var k = 0; k < analytic.Length; k += stride)
            {
                Nudge(parameter, k, h);
                var plus = Value(loss);
                Nudge(parameter, k, -2 * h);
                var minus = Value(loss);
                Nudge(parameter, k, h);
                var numeric = (plus - minus) / (2 * h);
                Assert.True(Math.Abs(analytic[k] - numeric) <= tolerance * Math.Max(1, Math.Abs(numeric)) + absoluteTolerance,
                    $"d loss / d {name}[{k}]: autograd {analytic[k]}, finite difference {numeric}");
            }
        }
        Assert.True(largest > 1e-3, $"every gradient is (near) zero: largest {largest}");
    }

    /// <summary>Every parameter has a gradient that is finite everywhere and non-zero somewhere.</summary>
    public static void AssertFiniteAndNonZero(IEnumerable<(string Name, Tensor Parameter)> parameters)
    {
        foreach (var (name, parameter) in parameters)
        {
            Assert.True(parameter.grad is not null, $"{name} has no gradient");
            var values = parameter.grad!.reshape(-1).to(float64).data<double>().ToArray();
            Assert.All(values, g => Assert.True(double.IsFinite(g), $"{name}: gradient {g}"));
            Assert.True(values.Any(g => g != 0), $"{name}: every gradient element is zero");
        }
    }

    private static double Value(Func<Tensor> loss)
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        return loss().to(float64).item<double>();
    }

    private static void Nudge(Tensor parameter, long index, double delta)
    {
        using var guard = no_grad();
        using var flat = parameter.view(-1);
        using var element = flat[index];
        element.add_(delta);
    }
}
