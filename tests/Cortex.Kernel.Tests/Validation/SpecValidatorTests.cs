using Cortex.Compilation;
using Cortex.Spec;
using Cortex.Tests.Support;
using Cortex.Validation;
using Xunit;

namespace Cortex.Tests.Validation;

/// <summary>Each class of bad input gives its own error, at the right path, with a message that says how to fix it.</summary>
public sealed class SpecValidatorTests
{
    // Two LIF populations and nothing else; cases splice their part in.
    private static string Spec(string populationsParams = "", string projections = "", string stimuli = "", string probes = "", string simulation = """{ "dt": "0.1 ms", "duration": "10 ms" }""") => $$"""
        {
          "simulation": {{simulation}},
          "populations": [
            { "name": "exc", "size": 10, "model": "lif" },
            { "name": "inh", "size": 5, "model": "lif"{{populationsParams}} }
          ],
          "projections": [ {{projections}} ],
          "stimuli": [ {{stimuli}} ],
          "probes": [ {{probes}} ]
        }
        """;

    private static IReadOnlyList<SpecError> Errors(string json) => new SpecValidator(TestRuntime.Registry).Validate(SpecJson.Parse(json));

    private static SpecError Single(string json) => Assert.Single(Errors(json));

    private static void Mentions(SpecError error, params string[] words)
    {
        foreach (var word in words) Assert.Contains(word, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BaseSpec_IsValid()
    {
        Assert.Empty(Errors(Spec()));
    }

    [Fact]
    public void WrongUnitDimension_SaysWhichDimensionWasExpected()
    {
        var error = Single(Spec(populationsParams: """, "params": { "tau_m": "5 mV" }"""));
        Assert.Equal("populations[1].params.tau_m", error.Path);
        Mentions(error, "expected a time", "'20 ms'", "got 5 mV (a voltage)");
    }

    [Fact]
    public void BareNumberForADimensionalParameter_AsksForAUnit()
    {
        var error = Single(Spec(populationsParams: """, "params": { "tau_m": 20 }"""));
        Assert.Equal("populations[1].params.tau_m", error.Path);
        Mentions(error, "expected a time", "got 20 (no unit)");
    }

    [Fact]
    public void NegativeTimeConstant_GivesPathRuleAndValue()
    {
        var error = Single(Spec(populationsParams: """, "params": { "tau_m": "-5 ms" }"""));
        Assert.Equal("populations[1].params.tau_m: must be > 0, got -5 ms", error.ToString());
    }

    [Fact]
    public void UnknownParameter_SaysDidYouMean()
    {
        var error = Single(Spec(populationsParams: """, "params": { "tau_n": "5 ms" }"""));
        Assert.Equal("populations[1].params.tau_n", error.Path);
        Mentions(error, "unknown parameter", "did you mean 'tau_m'?", "tau_refrac");
    }

    [Fact]
    public void UnknownModel_ListsAvailableModels()
    {
        var error = Single(Spec().Replace("\"size\": 10, \"model\": \"lif\"", "\"size\": 10, \"model\": \"lfi\"", StringComparison.Ordinal));
        Assert.Equal("populations[0].model", error.Path);
        Mentions(error, "unknown neuron model 'lfi'", "did you mean 'lif'?");
        var available = string.Join(", ", TestRuntime.Registry.NeuronModels.Keys.Order(StringComparer.Ordinal));
        Mentions(error, $"(available: {available})");
        foreach (var builtIn in new[] { "lif", "if", "izhikevich", "adex", "hh" }) Assert.Contains(builtIn, available.Split(", "));
    }

    [Fact]
    public void UnknownPopulation_SaysDidYouMeanAndListsDefined()
    {
        var error = Single(Spec(projections: """{ "source": "exc", "target": "ihn", "connector": "all_to_all", "weight": "1 pA" }"""));
        Assert.Equal("projections[0].target", error.Path);
        Mentions(error, "unknown population 'ihn'", "did you mean 'inh'?", "exc, inh");
    }

    [Theory]
    [InlineData("-50 mV", "-50 mV")]
    [InlineData("-40 mV", "-50 mV")]
    public void ResetAtOrAboveThreshold_IsRejected(string reset, string threshold)
    {
        var error = Single(Spec(populationsParams: $$""", "params": { "v_reset": "{{reset}}", "v_thresh": "{{threshold}}" }"""));
        Assert.Equal("populations[1].params.v_reset", error.Path);
        Mentions(error, "must be below v_thresh");
    }

    [Fact]
    public void DelayShorterThanTheTimeStep_IsRejected()
    {
        var error = Single(Spec(projections: """{ "source": "exc", "target": "inh", "connector": "all_to_all", "weight": "1 pA", "delay": "0.01 ms" }"""));
        Assert.Equal("projections[0].delay", error.Path);
        Mentions(error, "at least one time step", "0.1 ms", "0.01 ms");
    }

    [Fact]
    public void ListedDelayShorterThanTheTimeStep_IsRejected()
    {
        var error = Single(Spec(projections: """
            { "source": "exc", "target": "inh", "weight": "1 pA", "delay": "1 ms",
              "connector": { "type": "list", "connections": [ { "source": 0, "target": 0, "delay": "2 ms" }, { "source": 1, "target": 1, "delay": "0.01 ms" } ] } }
            """));
        Assert.Equal("projections[0].connector.connections[1].delay", error.Path);
        Mentions(error, "at least one time step", "0.1 ms", "0.01 ms");
    }

    [Fact]
    public void ZeroDelay_IsRejected()
    {
        var error = Single(Spec(projections: """{ "source": "exc", "target": "inh", "connector": "all_to_all", "weight": "1 pA", "delay": "0 ms" }"""));
        Assert.Equal("projections[0].delay", error.Path);
        Mentions(error, "must be > 0");
    }

    [Fact]
    public void IndicesOutOfRange_AreReportedEach()
    {
        var errors = Errors(Spec(
            stimuli: """{ "type": "dc", "target": "inh", "indices": [0, 5, -1], "amplitude": "1 nA" }""",
            probes: """{ "type": "spikes", "population": "exc", "indices": [10] }"""));
        Assert.Equal(
            ["stimuli[0].indices[1]: must be in [0, 4], got 5", "stimuli[0].indices[2]: must be in [0, 4], got -1", "probes[0].indices[0]: must be in [0, 9], got 10"],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void ExplicitConnectionsOutOfRange_NameTheConnection()
    {
        var errors = Errors(Spec(projections: """
            { "source": "exc", "target": "inh", "weight": "1 pA",
              "connector": { "type": "list", "connections": [[0, 1], [10, 2], { "source": 3, "target": 5 }] } }
            """));
        Assert.Equal(
            ["projections[0].connector.connections[1].source: must be in [0, 9], got 10", "projections[0].connector.connections[2].target: must be in [0, 4], got 5"],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void TwoProjectionsIntoOnePortWithDifferentSynapses_Conflict()
    {
        var error = Single(Spec(projections: """
            { "source": "exc", "target": "inh", "connector": "all_to_all", "weight": "1 pA",
              "synapse": { "model": "exp_current", "port": "exc", "params": { "tau_syn": "5 ms" } } },
            { "source": "inh", "target": "inh", "connector": "all_to_all", "weight": "1 pA",
              "synapse": { "model": "exp_current", "port": "exc", "params": { "tau_syn": "10 ms" } } }
            """));
        Assert.Equal("projections[1].synapse", error.Path);
        Mentions(error, "port 'exc' of 'inh'", "projections[0].synapse", "another port");
    }

    [Fact]
    public void StimulusIntoAPortFedWithAnotherModel_Conflicts()
    {
        var error = Single(Spec(
            projections: """{ "source": "exc", "target": "inh", "connector": "all_to_all", "weight": "1 pA", "synapse": { "model": "exp_current", "port": "p" } }""",
            stimuli: """{ "type": "poisson", "target": "inh", "rate": "10 Hz", "weight": "1 mV", "synapse": { "model": "delta", "port": "p" } }"""));
        Assert.Equal("stimuli[0].synapse", error.Path);
        Mentions(error, "port 'p' of 'inh'");
    }

    [Fact]
    public void SamePortSameSynapse_IsShared()
    {
        Assert.Empty(Errors(Spec(projections: """
            { "source": "exc", "target": "inh", "connector": "all_to_all", "weight": "1 pA", "synapse": { "model": "exp_current", "params": { "tau_syn": "5 ms" } } },
            { "source": "inh", "target": "inh", "connector": "all_to_all", "weight": "-1 pA", "synapse": { "model": "exp_current", "params": { "tau_syn": "5 ms" } } }
            """)));
    }

    [Fact]
    public void ProbabilityAboveOne_IsRejected()
    {
        var error = Single(Spec(projections: """{ "source": "exc", "target": "inh", "connector": { "type": "fixed_probability", "p": 1.5 }, "weight": "1 pA" }"""));
        Assert.Equal("projections[0].connector.p: must be between 0 and 1, got 1.5", error.ToString());
    }

    [Fact]
    public void InDegreeLargerThanSourcesWithoutMultapses_IsRejected()
    {
        var error = Single(Spec(projections: """{ "source": "exc", "target": "inh", "connector": { "type": "fixed_indegree", "k": 11, "allow_multapses": false }, "weight": "1 pA" }"""));
        Assert.Equal("projections[0].connector.k", error.Path);
        Mentions(error, "11 distinct sources", "only 10");
    }

    [Fact]
    public void InDegreeOfAllSourcesWithoutAutapses_CountsOneSourceLess()
    {
        var error = Single(Spec(projections: """{ "source": "exc", "target": "exc", "connector": { "type": "fixed_indegree", "k": 10, "allow_autapses": false, "allow_multapses": false }, "weight": "1 pA" }"""));
        Assert.Equal("projections[0].connector.k", error.Path);
        Mentions(error, "10 distinct sources", "only 9");
    }

    [Fact]
    public void OutDegreeLargerThanTargetsWithoutMultapses_IsRejected()
    {
        var error = Single(Spec(projections: """{ "source": "exc", "target": "inh", "connector": { "type": "fixed_outdegree", "k": 6, "allow_multapses": false }, "weight": "1 pA" }"""));
        Assert.Equal("projections[0].connector.k", error.Path);
        Mentions(error, "6 distinct targets", "only 5");
    }

    [Fact]
    public void LargeDegreeWithMultapses_IsFine()
    {
        Assert.Empty(Errors(Spec(projections: """{ "source": "exc", "target": "inh", "connector": { "type": "fixed_indegree", "k": 50 }, "weight": "1 pA" }""")));
    }

    [Fact]
    public void OneToOneBetweenDifferentSizes_IsRejected()
    {
        var error = Single(Spec(projections: """{ "source": "exc", "target": "inh", "connector": "one_to_one", "weight": "1 pA" }"""));
        Assert.Equal("projections[0].connector", error.Path);
        Mentions(error, "equal sizes", "10 sources", "5 targets");
    }

    [Fact]
    public void UnknownStateVariableInProbe_ListsTheModelsVariables()
    {
        var error = Single(Spec(probes: """{ "type": "state", "population": "inh", "variable": "u" }"""));
        Assert.Equal("probes[0].variable: 'lif' has no state variable 'u' (available: v, refractory)", error.ToString());
    }

    [Fact]
    public void ProbeIntervalBelowTheTimeStep_IsRejected()
    {
        var error = Single(Spec(probes: """{ "type": "state", "population": "inh", "variable": "v", "interval": "0.01 ms" }"""));
        Assert.Equal("probes[0].interval", error.Path);
        Mentions(error, "at least one time step");
    }

    [Fact]
    public void WeightInTheWrongDimensionForTheSynapse_NamesTheSynapsesDimension()
    {
        var errors = Errors(Spec(projections: """
            { "source": "exc", "target": "inh", "connector": "all_to_all", "weight": "1 pA", "synapse": { "model": "exp_conductance" } },
            { "source": "exc", "target": "exc", "connector": "all_to_all", "weight": "1 nS", "synapse": { "model": "delta" } }
            """));
        Assert.Equal(2, errors.Count);
        Assert.Equal("projections[0].weight", errors[0].Path);
        Mentions(errors[0], "expected a conductance");
        Assert.Equal("projections[1].weight", errors[1].Path);
        Mentions(errors[1], "expected a voltage");
    }

    [Fact]
    public void NegativeConductance_IsRejected()
    {
        var error = Single(Spec(projections: """{ "source": "exc", "target": "inh", "connector": "all_to_all", "weight": "-1 nS", "synapse": { "model": "exp_conductance" } }"""));
        Assert.Equal("projections[0].weight", error.Path);
        Mentions(error, "must be >= 0");
    }

    [Fact]
    public void NormalDelayWithoutLowerBound_AsksForMin()
    {
        var error = Single(Spec(projections: """{ "source": "exc", "target": "inh", "connector": "all_to_all", "weight": "1 pA", "delay": { "dist": "normal", "mean": "2 ms", "std": "0.5 ms" } }"""));
        Assert.Equal("projections[0].delay.min", error.Path);
        Mentions(error, "is required");
    }

    [Fact]
    public void UniformWithHighBelowLow_IsRejected()
    {
        var error = Single(Spec(populationsParams: """, "initial": { "v": { "dist": "uniform", "low": "-50 mV", "high": "-60 mV" } }"""));
        Assert.Equal("populations[1].initial.v.high", error.Path);
    }

    [Fact]
    public void UnknownSynapseModelAndPlasticityRule_ListTheAvailableOnes()
    {
        var errors = Errors(Spec(projections: """
            { "source": "exc", "target": "inh", "connector": "all_to_all", "weight": "1 pA", "synapse": { "model": "gauss_current" }, "plasticity": { "rule": "stpd" } }
            """));
        Assert.Equal(["projections[0].synapse.model", "projections[0].plasticity.rule"], errors.Select(e => e.Path));
        Mentions(errors[0], "unknown synapse model 'gauss_current'", "delta, exp_conductance, exp_current");
        Mentions(errors[1], "unknown plasticity rule 'stpd'", "did you mean 'stdp'?");
    }

    [Fact]
    public void StimulusDimensions_AreChecked()
    {
        var errors = Errors(Spec(stimuli: """
            { "type": "dc", "target": "exc", "amplitude": "1 mV" },
            { "type": "poisson", "target": "exc", "rate": "-5 Hz", "weight": "1 pA" },
            { "type": "dc", "target": "exc", "amplitude": "1 nA", "start": "5 ms", "stop": "2 ms" }
            """));
        Assert.Equal(["stimuli[0].amplitude", "stimuli[1].rate", "stimuli[2].stop"], errors.Select(e => e.Path));
        Mentions(errors[0], "expected a current");
        Mentions(errors[1], "must be >= 0");
        Mentions(errors[2], "must not be before start");
    }

    [Fact]
    public void DuplicatePopulationNameAndBadSize_AreRejected()
    {
        var errors = Errors(Spec().Replace("\"name\": \"inh\", \"size\": 5", "\"name\": \"exc\", \"size\": 0", StringComparison.Ordinal));
        Assert.Equal(["populations[1].name", "populations[1].size"], errors.Select(e => e.Path));
        Mentions(errors[0], "already used");
        Mentions(errors[1], "must be > 0, got 0");
    }

    [Fact]
    public void BadSimulationSettings_AreRejected()
    {
        var errors = Errors(Spec(simulation: """{ "dt": "0 ms", "duration": "1 mV" }"""));
        Assert.Equal(["simulation.dt", "simulation.duration"], errors.Select(e => e.Path));
        Mentions(errors[0], "must be > 0");
        Mentions(errors[1], "expected a time");
    }

    [Fact]
    public void PositionsOfTheWrongCount_AreRejected()
    {
        var error = Single(Spec(populationsParams: """, "positions": [[0, 0, 0], [1, 1, 1]]"""));
        Assert.Equal("populations[1].positions", error.Path);
        Mentions(error, "2 points for 5 neurons");
    }

    [Fact]
    public void ManyProblems_AreReportedTogether()
    {
        var json = Spec(
            populationsParams: """, "params": { "tau_m": "-5 ms", "v_rest": "1 ms" }""",
            projections: """
                { "source": "exc", "target": "inhh", "connector": { "type": "fixed_probability", "p": 2 }, "weight": "1 pA", "delay": "0.01 ms" },
                { "source": "exc", "target": "inh", "connector": "all_to_all", "weight": "1 pA", "synapse": { "model": "exp_current", "port": "x" } },
                { "source": "inh", "target": "inh", "connector": "all_to_all", "weight": "1 mV", "synapse": { "model": "delta", "port": "x" } }
                """,
            probes: """{ "type": "state", "population": "exc", "variable": "w" }""");
        var expectedPaths = new[]
        {
            "populations[1].params.tau_m", "populations[1].params.v_rest",
            "projections[0].target", "projections[0].delay",
            "projections[2].synapse",
            "probes[0].variable",
        };
        var errors = Errors(json);
        Assert.Equal(expectedPaths, errors.Select(e => e.Path));

        // The compiler refuses the same spec with every problem in one exception.
        var e = Assert.Throws<SpecValidationException>(() => new NetworkCompiler(TestRuntime.Registry).Compile(SpecJson.Parse(json), 1, "many.json"));
        Assert.Equal(expectedPaths.Length, e.Errors.Count);
        Assert.StartsWith($"many.json has {expectedPaths.Length} errors:", e.Message, StringComparison.Ordinal);
        foreach (var path in expectedPaths) Assert.Contains($"{Environment.NewLine}  {path}: ", e.Message, StringComparison.Ordinal);
    }
}
