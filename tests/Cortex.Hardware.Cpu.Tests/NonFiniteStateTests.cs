using Cortex.Backends;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.Hardware.Cpu.Tests;

/// <summary>A state that overflows to NaN must stop the run with the same message on every backend, never pass as a spike.</summary>
public sealed class NonFiniteStateTests
{
    [Theory]
    [InlineData("lif", "reference")]
    [InlineData("lif", "cpu")]
    [InlineData("lif_copy", "cpu")]
    [InlineData("if", "reference")]
    [InlineData("if", "cpu")]
    public void Overflowing_input_stops_the_run_naming_population_neuron_and_time(string model, string backend)
    {
        // The input overflows float for neuron 3 only: v becomes −inf (lif: then −inf + inf = NaN),
        // which no threshold test may take for a spike.
        var spec = new NetworkBuilder("overflow").Dt(Q.Ms(0.1)).Duration(Q.Ms(20)).Seed(1)
            .Population("cells", 10, model, p => p.Param("cm", "1 pF"))
            .Dc("cells", Q.NA(-1e38), indices: [3], start: Q.Ms(5))
            .RecordSpikes("cells")
            .Build();
        var network = BackendRun.Compile(spec);

        var error = Assert.Throws<SimulationException>(() => BackendRun.Run(network, backend));

        Assert.Contains("population 'cells' neuron 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("t = 5", error.Message, StringComparison.Ordinal);
    }
}
