using Cortex.Spec;

namespace Cortex.BrainRegions.Tests.Microcircuit;

/// <summary>Small microcircuit specs for tests: one instance "mc", parameters spliced in as JSON.</summary>
internal static class MicrocircuitSpecs
{
    public static NetworkSpec Spec(string parameters, string duration = "20 ms", ulong seed = 3, string dt = "0.1 ms") => SpecJson.Parse($$"""
        {
          "name": "micro",
          "simulation": { "dt": "{{dt}}", "duration": "{{duration}}", "seed": {{seed}} },
          "populations": [],
          "projections": [],
          "circuits": [ { "type": "microcircuit", "name": "mc", "params": { {{parameters}} } } ]
        }
        """);
}
