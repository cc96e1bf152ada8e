using Cortex.Backends;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.Hardware.Gpu.Tests;

/// <summary>A state that overflows to NaN stops the run with the message the cpu backends give, found on the device.</summary>
public sealed class NonFiniteStateTests
{
    [Fact]
    public void Overflowing_input_stops_the_run_naming_population_neuron_and_time()
    {
        var spec = new NetworkBuilder("overflow").Dt(Q.Ms(0.1)).Duration(Q.Ms(20)).Seed(1)
            .Population("cells", 10, "lif", p => p.Param("cm", "1 pF"))
            .Dc("cells", Q.NA(-1e38), indices: [3], start: Q.Ms(5))
            .RecordSpikes("cells")
            .Build();
        var network = GpuRun.Compile(spec);

        var error = Assert.Throws<SimulationException>(() => GpuRun.Run(network, "gpu"));

        Assert.Contains("population 'cells' neuron 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("t = 5", error.Message, StringComparison.Ordinal);
    }
}
