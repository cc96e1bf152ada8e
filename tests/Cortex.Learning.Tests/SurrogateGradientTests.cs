using Cortex.Learning.Registry;
using Cortex.Learning.Surrogates;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

public sealed class SurrogateGradientTests
{
    public static TheoryData<string> Names() => [.. LearningRegistry.BuiltIn().Surrogates.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The seven surrogates the README documents, no more and no fewer: a missing or an undocumented one fails.</summary>
    [Fact]
    public void The_documented_surrogates_are_registered_exactly()
    {
        string[] documented = ["arctan", "erf", "fast_sigmoid", "gate", "piecewise_quadratic", "sigmoid", "triangle"];
        Assert.Equal(documented, LearningRegistry.BuiltIn().Surrogates.Keys.Order(StringComparer.Ordinal));
    }

    [TorchTheory]
    [MemberData(nameof(Names))]
    public void Backward_equals_the_finite_difference_derivative_of_the_smooth_step(string name)
    {
        foreach (var alpha in new[] { 0.5, 1.0, 2.0, 5.0 })
        {
            var surrogate = LearningRegistry.BuiltIn().CreateSurrogate(name, alpha, "test");
            // Points avoid the kinks of the piecewise surrogates (|x| = 1/α, 1/(2α)), where no derivative exists.
            var points = new[] { -2.3, -0.9, -0.37, -0.11, -0.013, 0.0071, 0.09, 0.29, 0.61, 1.7 }
                .Select(p => p / alpha).Where(p => !NearKink(Math.Abs(p) * alpha)).ToArray();
            using var x = tensor(points, float64).requires_grad_(true);
            using var spikes = surrogate.Spike(x);
            using var sum = spikes.sum();
            sum.backward();
            var backward = x.grad!.data<double>().ToArray();

            const double h = 1e-6;
            using var plus = surrogate.Primitive(tensor(points, float64) + h);
            using var minus = surrogate.Primitive(tensor(points, float64) - h);
            var numeric = ((plus - minus) / (2 * h)).data<double>().ToArray();
            for (var i = 0; i < points.Length; i++)
                Assert.True(Math.Abs(backward[i] - numeric[i]) <= 1e-6 * Math.Max(1, Math.Abs(numeric[i])),
                    $"{name}(alpha={alpha}) at x={points[i]}: backward {backward[i]}, finite difference {numeric[i]}");
        }
    }

    [TorchTheory]
    [MemberData(nameof(Names))]
    public void Forward_is_the_heaviside_step_and_the_smooth_step_rises_from_zero_to_one(string name)
    {
        var surrogate = LearningRegistry.BuiltIn().CreateSurrogate(name, 2.0, "test");
        using var x = tensor(new[] { -1.0, -1e-7, 0.0, 1e-7, 1.0 }, float64);
        using var spikes = surrogate.Spike(x);
        Assert.Equal([0.0, 0.0, 1.0, 1.0, 1.0], spikes.data<double>().ToArray());

        using var far = tensor(new[] { -1e4, 1e4 }, float64);
        using var ends = surrogate.Primitive(far);
        var values = ends.data<double>().ToArray();
        Assert.Equal(0.0, values[0], 3);
        Assert.Equal(1.0, values[1], 3);
    }

    // Peak heights σ'(0) of the published forms (SpikingJelly's normalisation, unit area).
    [TorchTheory]
    [InlineData("sigmoid", 0.25)]
    [InlineData("arctan", 0.5)]
    [InlineData("fast_sigmoid", 0.5)]
    [InlineData("triangle", 1.0)]
    [InlineData("gate", 1.0)]
    [InlineData("erf", 0.5641895835477563)]
    [InlineData("piecewise_quadratic", 0.75)]
    public void Peak_of_the_derivative_scales_with_alpha(string name, double peakPerAlpha)
    {
        foreach (var alpha in new[] { 1.0, 3.0 })
        {
            var surrogate = LearningRegistry.BuiltIn().CreateSurrogate(name, alpha, "test");
            using var zero = zeros(1, float64);
            using var derivative = surrogate.Derivative(zero);
            Assert.Equal(peakPerAlpha * alpha, derivative.item<double>(), 9);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Sharpness_must_be_positive_and_finite(double alpha)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new FastSigmoidSurrogate(alpha));
        Assert.Contains("alpha", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_surrogate_names_the_path_and_lists_the_available_ones()
    {
        var error = Assert.Throws<LearningConfigException>(() => LearningRegistry.BuiltIn().CreateSurrogate("sigmod", null, "model.layers[1].surrogate"));
        Assert.StartsWith("model.layers[1].surrogate: unknown surrogate 'sigmod'", error.Message, StringComparison.Ordinal);
        Assert.Contains("sigmoid", error.Message, StringComparison.Ordinal);
    }

    private static bool NearKink(double scaled) =>
        Math.Abs(scaled - 1) < 1e-3 || Math.Abs(scaled - 0.5) < 1e-3;
}
