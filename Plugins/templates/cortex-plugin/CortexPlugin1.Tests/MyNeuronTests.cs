using Microsoft.Extensions.DependencyInjection;

namespace CortexPlugin1.Tests;

/// <summary>Tests run the model directly through the SDK contracts: no Cortex host needed.</summary>
public sealed class MyNeuronTests
{
    [Fact]
    public void ConstantInput_FiresWithTheClosedFormInterval()
    {
        // From v_rest, τ dv/dt = v_rest − v + R·I reaches v_thresh after T = τ·ln(R·I / (R·I − (v_thresh − v_rest))).
        var model = new MyNeuron();
        var values = new ParameterValues(model.Parameters); // the defaults; pass a dictionary to override
        const double dt = 0.01, current = 0.5; // ms, nA
        var neuron = model.CreateGroup(values, count: 1, dt);
        var spikes = new List<double>();
        for (var step = 0; step < 50_000; step++)
            if (neuron.Step(0, new NeuronInput((float)current))) spikes.Add((step + 1) * dt);
        var expected = 20 * Math.Log(80 * current / (80 * current - 15));
        Assert.True(spikes.Count > 10);
        Assert.Equal(expected, spikes[0], 0.02); // the first spike: within two steps of the closed form
        Assert.Equal(expected, (spikes[^1] - spikes[0]) / (spikes.Count - 1), 0.02);
    }

    [Fact]
    public void BelowThreshold_SettlesAtRestPlusRI()
    {
        var model = new MyNeuron();
        var neuron = model.CreateGroup(new ParameterValues(model.Parameters), count: 1, dt: 0.1);
        for (var step = 0; step < 10_000; step++) Assert.False(neuron.Step(0, new NeuronInput(0.1f)));
        Assert.Equal(-65 + 80 * 0.1, neuron.Voltage(0), 3);
    }

    [Fact]
    public void Plugin_RegistersTheModelUnderItsName()
    {
        var services = new ServiceCollection();
        new Plugin().Configure(services);
        Assert.Contains(services, d => d.ImplementationInstance is NeuronModel { Name: "my_neuron" });
    }
}
