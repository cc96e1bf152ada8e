namespace Cortex.Host.Tests;

/// <summary>Spec files the CLI tests run.</summary>
internal static class Specs
{
    /// <summary>
    /// Two small LIF populations: "driven" fires regularly under DC, "noisy" under Poisson input plus 4 inputs
    /// each from "driven" (30 · 4 = 120 synapses).
    /// </summary>
    public static string Small(ulong seed = 3, string duration = "200 ms") => $$"""
        {
          "name": "small",
          "simulation": { "dt": "0.1 ms", "duration": "{{duration}}", "seed": {{seed}} },
          "populations": [
            { "name": "driven", "size": 20, "model": "lif",
              "initial": { "v": { "dist": "uniform", "low": "-65 mV", "high": "-50 mV" } } },
            { "name": "noisy", "size": 30, "model": "lif" }
          ],
          "projections": [
            { "source": "driven", "target": "noisy", "connector": { "type": "fixed_indegree", "k": 4 },
              "weight": "50 pA", "delay": "1.5 ms" }
          ],
          "stimuli": [
            { "type": "dc", "target": "driven", "amplitude": "0.5 nA" },
            { "type": "poisson", "target": "noisy", "rate": "3 kHz", "weight": "30 pA" }
          ],
          "probes": [
            { "type": "spikes", "population": "driven" },
            { "type": "spikes", "population": "noisy" },
            { "type": "state", "population": "noisy", "variable": "v", "indices": [0, 1] }
          ]
        }
        """;

    /// <summary>
    /// Hodgkin–Huxley neurons spiking under 1 nA; with <paramref name="absurd"/>, neuron 1 of "bad" gets -1e38 nA from
    /// 50 ms on and its state becomes NaN in that step.
    /// </summary>
    public static string Breaking(bool absurd = true, string duration = "100 ms") => $$"""
        {
          "name": "breaking",
          "simulation": { "dt": "0.1 ms", "duration": "{{duration}}", "seed": 1 },
          "populations": [ { "name": "bad", "size": 3, "model": "hh" } ],
          "stimuli": [
            { "type": "dc", "target": "bad", "amplitude": "1 nA" }{{(absurd ? """, { "type": "dc", "target": "bad", "indices": [1], "amplitude": "-1e38 nA", "start": "50 ms" }""" : "")}}
          ],
          "probes": [ { "type": "spikes", "population": "bad" } ]
        }
        """;

    /// <summary>Three validation errors at once.</summary>
    public const string Invalid = """
        {
          "populations": [ { "name": "a", "size": 5, "model": "lif", "params": { "tau_m": "-5 ms" } } ],
          "projections": [ { "source": "a", "target": "b", "connector": "all_to_all", "weight": "1 pA" } ],
          "probes": [ { "type": "state", "population": "a", "variable": "u" } ]
        }
        """;
}
