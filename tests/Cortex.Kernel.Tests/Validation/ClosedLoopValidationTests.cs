using System.Globalization;
using System.Text.RegularExpressions;
using Cortex.Spec;
using Cortex.Tests.Circuits;
using Cortex.Units;
using Cortex.Validation;
using Xunit;

namespace Cortex.Tests.Validation;

/// <summary>
/// Errors for per-neuron parameters, receptor initial state, neuromodulators and rules that refuse a receptor:
/// each at its JSON path, with the value and neuron that broke the rule.
/// </summary>
public sealed partial class ClosedLoopValidationTests
{
    private static IReadOnlyList<SpecError> Errors(NetworkSpec spec) => new SpecValidator(TestComponents.WithTestComponents).Validate(spec);

    private static IReadOnlyList<SpecError> Errors(string json) => Errors(SpecJson.Parse(json));

    private static NetworkSpec Lif(Action<PopulationBuilder> configure, int size = 100) =>
        new NetworkBuilder().Duration(Q.Ms(1)).Seed(4).Population("a", size, "lif", configure).Build();

    [Fact]
    public void ValidPerNeuronParameters_PassValidation()
    {
        Assert.Empty(Errors(Lif(p => p
            .Param("tau_m", new UniformValue(Q.Ms(10), Q.Ms(30)))
            .Param("v_thresh", new NormalValue(Q.MV(-50), Q.MV(1), Q.MV(-55), Q.MV(-45))))));
    }

    [Fact]
    public void DistributionOnASharedOnlyParameter_AsksForAConstant()
    {
        var spec = new NetworkBuilder().Duration(Q.Ms(1))
            .Population("t", 10, "test_neuron", p => p.Param("substeps", new UniformValue(Q.Number(1), Q.Number(8))))
            .Build();
        var error = Assert.Single(Errors(spec));
        Assert.Equal("populations[0].params.substeps: must be the same for every neuron (shared-only); give a constant", error.ToString());
    }

    [Fact]
    public void ConstantOnASharedOnlyParameter_IsFine()
    {
        var spec = new NetworkBuilder().Duration(Q.Ms(1)).Population("t", 10, "test_neuron", p => p.Param("substeps", Q.Number(8))).Build();
        Assert.Empty(Errors(spec));
    }

    [GeneratedRegex(@"^must be > 0, got (?<value>\S+) ms at neuron (?<neuron>\d+)$")]
    private static partial Regex PositiveViolation();

    [Fact]
    public void DrawnValueBreakingTheRule_ReportsTheValueAndTheFirstNeuron()
    {
        // Uniform on [-5, 20) ms: about one neuron in five gets a τ_m ≤ 0.
        var error = Assert.Single(Errors(Lif(p => p.Param("tau_m", new UniformValue(Q.Ms(-5), Q.Ms(20))))));
        Assert.Equal("populations[0].params.tau_m", error.Path);
        var match = PositiveViolation().Match(error.Message);
        Assert.True(match.Success, error.Message);
        var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        var neuron = int.Parse(match.Groups["neuron"].Value, CultureInfo.InvariantCulture);
        Assert.InRange(value, -5, 0);

        // It is the first: the neurons before it drew valid values (a smaller population draws the same prefix) …
        if (neuron > 0) Assert.Empty(Errors(Lif(p => p.Param("tau_m", new UniformValue(Q.Ms(-5), Q.Ms(20))), size: neuron)));
        // … and with one neuron more the same neuron and value are reported.
        Assert.Equal(error, Assert.Single(Errors(Lif(p => p.Param("tau_m", new UniformValue(Q.Ms(-5), Q.Ms(20))), size: neuron + 1))));
    }

    [Fact]
    public void DistributionEntirelyOutsideTheRule_FailsAtNeuronZero()
    {
        var error = Assert.Single(Errors(Lif(p => p.Param("cm", new UniformValue(Q.PF(-2), Q.PF(-1))))));
        Assert.Equal("populations[0].params.cm", error.Path);
        Assert.Matches(@"^must be > 0, got -0\.00\d* nF at neuron 0$", error.Message);
    }

    [Fact]
    public void CrossParameterCheck_RunsPerNeuron_AndStopsAtTheFirstProblem()
    {
        // v_reset uniform on [-70, -45) mV against v_thresh -50 mV: many neurons reset above threshold; one line only.
        var error = Assert.Single(Errors(Lif(p => p.Param("v_reset", new UniformValue(Q.MV(-70), Q.MV(-45))))));
        Assert.Equal("populations[0].params.v_reset", error.Path);
        Assert.Contains("must be below v_thresh", error.Message, StringComparison.Ordinal);
        Assert.Matches(@"at neuron \d+$", error.Message);
    }

    [Fact]
    public void CrossParameterCheck_SeesBothDrawnParametersOfTheSameNeuron()
    {
        // Reset and threshold drawn from disjoint ranges: every neuron is fine.
        Assert.Empty(Errors(Lif(p => p
            .Param("v_reset", new UniformValue(Q.MV(-80), Q.MV(-70)))
            .Param("v_thresh", new UniformValue(Q.MV(-60), Q.MV(-50))))));
    }

    [Fact]
    public void DistributionInTheWrongUnit_NamesTheBound()
    {
        var error = Assert.Single(Errors(Lif(p => p.Param("tau_m", new UniformValue(Q.Ms(5), Q.MV(20))))));
        Assert.Equal("populations[0].params.tau_m.high", error.Path);
        Assert.Contains("expected a time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DistributionOnAnUnknownParameter_SaysDidYouMean()
    {
        var error = Assert.Single(Errors(Lif(p => p.Param("tau_n", new UniformValue(Q.Ms(5), Q.Ms(20))))));
        Assert.Equal("populations[0].params.tau_n", error.Path);
        Assert.Contains("did you mean 'tau_m'?", error.Message, StringComparison.Ordinal);
    }

    // Population b has one receptor, an exp_conductance at port "inh", and a delta receptor at port "jump".
    private static string ReceptorSpec(string initial) => $$"""
        {
          "populations": [
            { "name": "a", "size": 3, "model": "lif" },
            { "name": "b", "size": 4, "model": "lif", "initial": { {{initial}} } }
          ],
          "projections": [
            { "source": "a", "target": "b", "connector": "all_to_all", "weight": "1 nS",
              "synapse": { "model": "exp_conductance", "port": "inh", "params": { "e_rev": "-80 mV" } } }
          ],
          "stimuli": [
            { "type": "spike_times", "target": "b", "times": ["1 ms"], "weight": "1 mV", "synapse": { "model": "delta", "port": "jump" } }
          ]
        }
        """;

    [Fact]
    public void ReceptorInitialState_OnAFedPort_IsValid()
    {
        Assert.Empty(Errors(ReceptorSpec("""
            "inh.g": { "dist": "uniform", "low": "0 nS", "high": "2 nS" }, "v": "-60 mV"
            """)));
    }

    [Fact]
    public void ReceptorInitialState_OnAnUnfedPort_ListsThePorts()
    {
        var error = Assert.Single(Errors("""
            {
              "populations": [
                { "name": "a", "size": 3, "model": "lif" },
                { "name": "b", "size": 4, "model": "lif", "initial": { "exc.g": "10 nS" } }
              ],
              "projections": [
                { "source": "a", "target": "b", "connector": "all_to_all", "weight": "1 nS",
                  "synapse": { "model": "exp_conductance", "port": "inh" } }
              ]
            }
            """));
        Assert.Equal("populations[1].initial.exc.g: no projection or stimulus feeds port 'exc' of population 'b' (ports: inh)", error.ToString());
    }

    [Fact]
    public void ReceptorInitialState_OnAPopulationWithoutReceptors_SaysNone()
    {
        var error = Assert.Single(Errors(Lif(p => p.Init("exc.i", Q.NA(1)))));
        Assert.Equal("populations[0].initial.exc.i: no projection or stimulus feeds port 'exc' of population 'a' (ports: none)", error.ToString());
    }

    [Fact]
    public void ReceptorInitialState_OnAMisspeltPort_SaysDidYouMean()
    {
        var error = Assert.Single(Errors(ReceptorSpec("\"ihn.g\": \"1 nS\"")));
        Assert.Equal("populations[1].initial.ihn.g", error.Path);
        Assert.Contains("port 'ihn' of population 'b' (did you mean 'inh'?)", error.Message, StringComparison.Ordinal);
        Assert.Contains("(ports: inh, jump)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownReceptorVariable_SaysDidYouMean()
    {
        var error = Assert.Single(Errors(ReceptorSpec("\"inh.gg\": \"1 nS\"")));
        Assert.Equal("populations[1].initial.inh.gg", error.Path);
        Assert.Contains("'exp_conductance' at port 'inh' has no state variable 'gg' (did you mean 'g'?) (available: g)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReceptorWithoutState_SaysItHasNone()
    {
        var error = Assert.Single(Errors(ReceptorSpec("\"jump.i\": \"1 nA\"")));
        Assert.Equal("populations[1].initial.jump.i", error.Path);
        Assert.EndsWith("(available: none)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReceptorStateInTheWrongUnit_IsRejected()
    {
        var error = Assert.Single(Errors(ReceptorSpec("\"inh.g\": { \"dist\": \"uniform\", \"low\": \"0 mV\", \"high\": \"2 nS\" }")));
        Assert.Equal("populations[1].initial.inh.g.low", error.Path);
        Assert.Contains("expected a conductance", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownNeuronVariableWithoutAPort_IsStillReportedAsBefore()
    {
        var error = Assert.Single(Errors(ReceptorSpec("\"u\": \"1 mV\"")));
        Assert.Equal("populations[1].initial.u: 'lif' has no state variable 'u' (available: v, refractory)", error.ToString());
    }

    private static string Modulators(string entries) => $$"""
        { "populations": [ { "name": "a", "size": 1, "model": "lif" } ], "neuromodulators": [ {{entries}} ] }
        """;

    [Fact]
    public void ValidNeuromodulators_PassValidation()
    {
        Assert.Empty(Errors(Modulators("""{ "name": "dopamine", "baseline": 0.2, "tau": "200 ms" }, { "name": "ach_2" }""")));
    }

    [Fact]
    public void DuplicateNeuromodulator_NamesTheFirst()
    {
        var error = Assert.Single(Errors(Modulators("""{ "name": "dopamine" }, { "name": "dopamine", "tau": "1 s" }""")));
        Assert.Equal("neuromodulators[1].name: 'dopamine' is already declared by neuromodulators[0]", error.ToString());
    }

    [Theory]
    [InlineData("""{ "name": "da", "tau": "-5 ms" }""", "neuromodulators[0].tau: must be > 0, got -5 ms")]
    [InlineData("""{ "name": "da", "tau": "0 ms" }""", "neuromodulators[0].tau: must be > 0, got 0 ms")]
    [InlineData("""{ "name": "da", "tau": "5 mV" }""", "neuromodulators[0].tau: expected a time such as '20 ms', got 5 mV (a voltage)")]
    [InlineData("""{ "name": "dopa mine" }""", "neuromodulators[0].name: must be an identifier (letters, digits and '_', not starting with a digit), got 'dopa mine'")]
    [InlineData("""{ "name": "5ht" }""", "neuromodulators[0].name: must be an identifier (letters, digits and '_', not starting with a digit), got '5ht'")]
    public void BadNeuromodulator_IsRejectedAtItsPath(string entry, string expected)
    {
        Assert.Equal(expected, Assert.Single(Errors(Modulators(entry))).ToString());
    }

    [Fact]
    public void RuleThatRefusesTheReceptor_IsReportedAtThePlasticityRule()
    {
        var spec = new NetworkBuilder().Duration(Q.Ms(1))
            .Population("a", 2, "lif")
            .Connect("a", "a", new AllToAllConnector(), Q.NA(0.1), plasticity: new PlasticitySpec { Rule = "test_rule" })
            .Connect("a", "a", new AllToAllConnector(), Q.MV(0.5), synapse: new SynapseSpec { Model = "delta", Port = "jump" },
                plasticity: new PlasticitySpec { Rule = "test_rule" })
            .Build();
        var error = Assert.Single(Errors(spec));
        Assert.Equal($"projections[1].plasticity.rule: 'test_rule' cannot act on 'delta' synapses: {TestRule.Reason}", error.ToString());
    }
}
