using Cortex.Spec;
using Cortex.Units;

namespace Cortex.Nir.Engine;

/// <summary>
/// A converted NIR graph as a self-contained network spec (JSON via <see cref="SpecJson"/>), for
/// <c>cortex run</c>: the template with a duration of T + L − 1 steps and, when an input vector is given,
/// the first layer's input currents as DC stimuli.
/// </summary>
public static class NirSpecExport
{
    /// <summary>The spec for <paramref name="steps"/> model steps, optionally driven by <paramref name="input"/>.</summary>
    public static NetworkSpec ToSpec(ConvertedNetwork network, int steps, IReadOnlyList<float>? input = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var engineSteps = steps + network.Layers.Count - 1;
        var stimuli = new List<StimulusSpec>(network.Template.Stimuli);
        if (input is not null)
        {
            var map = network.InputMap;
            var first = network.Layers[0];
            if (input.Count != map.InputSize)
                throw new ArgumentException($"input has {input.Count} values, the graph's input weights take {map.InputSize}", nameof(input));
            // The same float32 arithmetic as EngineInference, so both runs see identical currents.
            var currents = map.Apply([.. input]);
            for (var j = 0; j < first.Size; j++)
            {
                var amplitude = network.InputGain[j] * currents[j];
                if (amplitude != 0)
                    stimuli.Add(new DcStimulus { Target = first.Populations[first.PopulationOf[j]], Indices = [first.IndexInPopulation[j]], Amplitude = Q.NA(amplitude) });
            }
        }
        return network.Template with
        {
            Simulation = network.Template.Simulation with { Duration = Q.Ms(engineSteps * network.DtMs) },
            Stimuli = stimuli,
        };
    }

    /// <summary>Same as <see cref="ToSpec"/>, as spec JSON.</summary>
    public static string ToJson(ConvertedNetwork network, int steps, IReadOnlyList<float>? input = null) =>
        SpecJson.Write(ToSpec(network, steps, input));
}
