using Cortex.Models;
using Xunit;

namespace Cortex.Modules.Tests;

/// <summary>Drives one receptor port directly through the SDK's <see cref="IReceptorGroup"/>, as a backend does, without a backend.</summary>
internal static class Receptors
{
    public static ParameterValues Values(SynapseModel model, params (string Name, double Value)[] overrides) =>
        new(model.Parameters, overrides.ToDictionary(o => o.Name, o => o.Value));

    public static IReceptorGroup Group(SynapseModel model, double dt, params (string Name, double Value)[] overrides) =>
        model.CreateGroup(Values(model, overrides), 1, dt);

    /// <summary>
    /// Runs neuron 0 for <paramref name="steps"/> steps as the backends do: the weights arriving in step n
    /// (<paramref name="weights"/>, 0 for none) are received, the input is read at <paramref name="voltage"/>, then the
    /// receptor advances one step. Entry n is the input of step n, i.e. at time n·dt after the first step.
    /// </summary>
    public static PortInput[] Run(IReceptorGroup group, int steps, Func<int, float> weights, float voltage = -65)
    {
        var inputs = new PortInput[steps];
        for (var n = 0; n < steps; n++)
        {
            var w = weights(n);
            if (w != 0) group.Receive(0, w);
            inputs[n] = group.Input(0, voltage);
            group.Advance(0, 1);
        }
        return inputs;
    }

    /// <summary>A single weight <paramref name="weight"/> arriving in step 0.</summary>
    public static Func<int, float> Single(float weight) => n => n == 0 ? weight : 0;

    /// <summary>|actual − expected| ≤ relative·|expected| (with a message that names both).</summary>
    public static void Near(double expected, double actual, double relative, string what)
    {
        var error = Math.Abs(actual - expected);
        Assert.True(error <= relative * Math.Abs(expected),
            $"{what}: expected {expected:R}, got {actual:R} (relative error {error / Math.Abs(expected):E2} > {relative:E2})");
    }
}
