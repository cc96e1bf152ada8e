using Cortex.Spec;
using Cortex.Tests.Support;
using Cortex.Units;
using Cortex.Validation;
using Xunit;

namespace Cortex.Tests.Validation;

/// <summary>A receptor model's cross-parameter check runs during validation, so a bad combination never reaches a run.</summary>
public sealed class ReceptorCheckTests
{
    [Fact]
    public void A_rise_time_not_below_the_decay_time_is_reported_at_its_path()
    {
        var synapse = new SynapseSpec
        {
            Model = "biexp_conductance", Port = "ampa",
            Params = new Dictionary<string, Quantity> { ["tau_rise"] = Q.Ms(5), ["tau_decay"] = Q.Ms(5) },
        };
        var spec = new NetworkBuilder().Duration(Q.Ms(1))
            .Population("a", 2, "lif").Population("b", 2, "lif")
            .Connect("a", "b", new AllToAllConnector(), Q.NS(1), Q.Ms(1), synapse)
            .Build();

        var error = Assert.Single(new SpecValidator(TestRuntime.Registry).Validate(spec));
        Assert.StartsWith("projections[0].synapse.params.tau_rise:", error.ToString());
    }
}
