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
    /// Runs <paramref name="loss"/> backward once, then compares every element of each parameter's gradient with the
    /// central difference of the loss; at least one element must be clearly non-zero.
    /// </summary>
    public static void AssertGradientsMatch(Func<Tensor> loss, IEnumerable<(string Name, Tensor Parameter)> parameters, double h = 1e-6, double tolerance = 1e-6)
    {
        var checkedParameters = parameters.ToList();
        using (NewDisposeScope()) loss().backward();
        foreach (var (name, parameter) in checkedParameters)
        {
            Assert.True(parameter.grad is not null, $"{name} has no gradient");
            var analytic = parameter.grad!.reshape(-1).to(float64).data<double>().ToArray();
            Assert.All(analytic, g => Assert.True(double.IsFinite(g), $"{name}: gradient {g}"));
            Assert.Contains(analytic, g => Math.Abs(g) > 1e-3);
            for (var k = 0; k < analytic.Length; k++)
            {
                Nudge(parameter, k, h);
                var plus = Value(loss);
                Nudge(parameter, k, -2 * h);
                var minus = Value(loss);
                Nudge(parameter, k, h);
                var numeric = (plus - minus) / (2 * h);
                Assert.True(Math.Abs(analytic[k] - numeric) <= tolerance * Math.Max(1, Math.Abs(numeric)),
                    $"d loss / d {name}[{k}]: autograd {analytic[k]}, finite difference {numeric}");
            }
        }
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
