using Cortex.BrainRegions.WholeBrain;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.BrainRegions.Tests.WholeBrain;

public sealed class WholeBrainCircuitTests
{
    [Fact]
    public void The_circuit_builds_the_bundled_76_regions_with_long_range_synapses_along_its_edges()
    {
        var spec = new NetworkBuilder("circuit").Dt(Q.Ms(0.5)).Duration(Q.Ms(20))
            .Circuit("whole_brain", "brain", c => c.Param("neurons_per_region", 10).Param("coupling", 1))
            .Build();
        var network = Runtime.Compile(spec);
        var exc = network.Populations.Single(p => p.Name == "brain.exc");
        Assert.Equal(76 * 8, exc.Size);

        // Every synapse of exc->exc between two regions follows a non-zero weight W[target, source] of the bundled set.
        var connectome = ConnectomeCatalog.Load(ConnectomeCatalog.BundledName);
        var table = network.Projections.Single(p => p.Name == "brain.exc->exc").Table;
        var crossing = 0;
        for (var row = 0; row < table.Sources; row++)
            for (var k = table.RowStart[row]; k < table.RowStart[row + 1]; k++)
            {
                var (from, to) = (row / 8, table.Targets[k] / 8);
                if (from == to) continue;
                crossing++;
                Assert.True(connectome.Weight(to, from) > 0, $"synapse {from}->{to} without a connectome edge");
            }
        // Expected long-range inputs: G · p_local · 8 excitatory sources per unit of normalised weight, i.e. G · K_E per neuron on average.
        Assert.InRange(crossing, 0.5 * 76 * 8 * 0.8, 1.5 * 76 * 8 * 0.8);
    }
}
