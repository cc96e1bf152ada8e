using Cortex.Spec;
using Cortex.Tests.Support;
using Cortex.Validation;
using Xunit;

namespace Cortex.Tests.Validation;

/// <summary>
/// Bad plasticity input, as <c>cortex validate</c> sees it: every problem is one line naming its JSON path. Rule parameters
/// out of range (<c>rstdp</c>, <c>stdp</c>), weight bounds a receptor cannot hold (a negative conductance), and a rule that
/// reads a neuromodulator nobody declares, which is valid (the level is then a constant 0) and so only a warning.
/// </summary>
public sealed class PlasticityInputTests
{
    private static (IReadOnlyList<SpecError> Errors, IReadOnlyList<SpecError> Warnings) Validate(string json)
    {
        var validator = new SpecValidator(TestRuntime.Registry);
        var errors = validator.Validate(SpecJson.Parse(json));
        foreach (var problem in errors.Concat(validator.Warnings))
            Assert.DoesNotContain('\n', problem.ToString());
        return (errors, validator.Warnings);
    }

    /// <summary>Two populations, one projection from a to b with <paramref name="synapse"/> and <paramref name="plasticity"/>.</summary>
    private static string Spec(string plasticity, string synapse = """{ "model": "exp_current", "port": "exc" }""", string weight = "0.1 nA",
        string neuromodulators = """[ { "name": "dopamine", "tau": "200 ms" } ]""") => $$"""
        {
          "simulation": { "dt": "0.1 ms", "duration": "10 ms" },
          "populations": [ { "name": "a", "size": 4, "model": "lif" }, { "name": "b", "size": 3, "model": "lif" } ],
          "projections": [
            { "source": "a", "target": "b", "connector": "all_to_all", "weight": "{{weight}}", "synapse": {{synapse}}, "plasticity": {{plasticity}} }
          ],
          "neuromodulators": {{neuromodulators}}
        }
        """;

    private static string OneError(string json) => Assert.Single(Validate(json).Errors).ToString();

    [Theory]
    [InlineData("""{ "tau_c": "-5 ms" }""", "projections[0].plasticity.params.tau_c: must be > 0, got -5 ms")]
    [InlineData("""{ "tau_c": "0 s" }""", "projections[0].plasticity.params.tau_c: must be > 0, got 0 ms")]
    [InlineData("""{ "tau_plus": "20 mV" }""", "projections[0].plasticity.params.tau_plus: expected a time such as '20 ms', got 20 mV (a voltage)")]
    [InlineData("""{ "eta": -0.001 }""", "projections[0].plasticity.params.eta: must be >= 0, got -0.001")]
    [InlineData("""{ "a_minus": -1.5 }""", "projections[0].plasticity.params.a_minus: must be >= 0, got -1.5")]
    [InlineData("""{ "w_min": 2, "w_max": 1 }""", "projections[0].plasticity.params.w_min: must not exceed w_max (1), got 2")]
    public void RewardStdpParameterOutOfRange_IsOneLineAtItsPath(string parameters, string expected)
    {
        Assert.Equal(expected, OneError(Spec($$"""{ "rule": "rstdp", "params": {{parameters}} }""")));
    }

    [Fact]
    public void MisspeltRewardStdpParameter_SaysDidYouMean()
    {
        var error = OneError(Spec("""{ "rule": "rstdp", "params": { "tau_e": "1 s" } }"""));
        Assert.StartsWith("projections[0].plasticity.params.tau_e: ", error, StringComparison.Ordinal);
        Assert.Contains("did you mean 'tau_c'?", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "tau_minus": "0 ms" }""", "projections[0].plasticity.params.tau_minus: must be > 0, got 0 ms")]
    [InlineData("""{ "a_plus": -0.01 }""", "projections[0].plasticity.params.a_plus: must be >= 0, got -0.01")]
    [InlineData("""{ "multiplicative": 0.5 }""", "projections[0].plasticity.params.multiplicative: must be 0 (additive) or 1 (multiplicative), got 0.5")]
    [InlineData("""{ "multiplicative": 2 }""", "projections[0].plasticity.params.multiplicative: must be between 0 and 1, got 2")]
    [InlineData("""{ "w_min": 0.5, "w_max": 0.2 }""", "projections[0].plasticity.params.w_min: must not exceed w_max (0.2), got 0.5")]
    public void StdpParameterOutOfRange_IsOneLineAtItsPath(string parameters, string expected)
    {
        Assert.Equal(expected, OneError(Spec($$"""{ "rule": "stdp", "params": {{parameters}} }""", neuromodulators: "[]")));
    }

    private const string Conductance = """{ "model": "exp_conductance", "port": "exc" }""";

    [Theory]
    [InlineData("rstdp", "exp_conductance", "-0.5")]
    [InlineData("stdp", "exp_conductance", "-0.01")]
    [InlineData("rstdp", "biexp_conductance", "-1")]
    [InlineData("stdp", "nmda", "-0.2")]
    public void NegativeLowerBound_OnAReceptorWithNonNegativeWeights_IsRefused(string rule, string receptor, string wMin)
    {
        var synapse = $$"""{ "model": "{{receptor}}", "port": "exc" }""";
        var weight = receptor == "nmda" ? "0.1" : "1 nS";
        var error = OneError(Spec($$"""{ "rule": "{{rule}}", "params": { "w_min": {{wMin}}, "w_max": 0.01 } }""", synapse, weight));
        Assert.Equal($"projections[0].plasticity.params.w_min: must be >= 0 for '{receptor}' synapses " +
                     $"(their weights must be >= 0 and learning may drive a weight to this bound), got {wMin}", error);
    }

    [Fact]
    public void NegativeUpperBound_OnAConductance_IsRefusedAtBothBounds()
    {
        var errors = Validate(Spec("""{ "rule": "stdp", "params": { "w_min": -0.2, "w_max": -0.1 } }""", Conductance, "1 nS")).Errors;
        Assert.Equal(["projections[0].plasticity.params.w_min", "projections[0].plasticity.params.w_max"], errors.Select(e => e.Path));
    }

    [Theory]
    [InlineData("""{ "model": "exp_current", "port": "exc" }""", "0.1 nA")]
    [InlineData("""{ "model": "delta", "port": "exc" }""", "0.5 mV")]
    [InlineData("""{ "model": "pulse_current", "port": "exc" }""", "0.1 nA")]
    public void NegativeLowerBound_OnAReceptorWhoseWeightsMayBeNegative_IsFine(string synapse, string weight)
    {
        Assert.Empty(Validate(Spec("""{ "rule": "rstdp", "params": { "w_min": -1, "w_max": 1 } }""", synapse, weight)).Errors);
    }

    [Fact]
    public void DefaultBounds_OnAConductance_AreFine()
    {
        var (errors, warnings) = Validate(Spec("""{ "rule": "rstdp" }""", Conductance, "1 nS"));
        Assert.Empty(errors);
        Assert.Empty(warnings);
    }

    [Fact]
    public void UndeclaredNeuromodulator_IsAWarningNotAnError()
    {
        var (errors, warnings) = Validate(Spec("""{ "rule": "rstdp" }""", neuromodulators: "[]"));
        Assert.Empty(errors);
        var warning = Assert.Single(warnings);
        Assert.Equal("projections[0].plasticity.rule", warning.Path);
        Assert.Equal("'rstdp' reads neuromodulator 'dopamine', which the spec does not declare under neuromodulators: its level stays 0 " +
                     "unless a closed-loop caller sets it, so a rule it gates does not learn; declare it, e.g. { \"name\": \"dopamine\", \"tau\": \"200 ms\" }",
            warning.Message);
    }

    [Fact]
    public void UndeclaredNeuromodulator_ReadByManyProjections_IsOneWarning()
    {
        var json = """
            {
              "populations": [ { "name": "a", "size": 4, "model": "lif" }, { "name": "b", "size": 3, "model": "lif" } ],
              "projections": [
                { "source": "a", "target": "b", "connector": "all_to_all", "weight": "0.1 nA", "plasticity": { "rule": "stdp" } },
                { "source": "a", "target": "b", "connector": "all_to_all", "weight": "0.1 nA", "plasticity": { "rule": "rstdp" } },
                { "source": "b", "target": "a", "connector": "all_to_all", "weight": "0.1 nA", "plasticity": { "rule": "rstdp" } }
              ]
            }
            """;
        var (errors, warnings) = Validate(json);
        Assert.Empty(errors);
        var warning = Assert.Single(warnings);
        Assert.Equal("projections[1].plasticity.rule", warning.Path);
        Assert.Contains("'dopamine', which the spec does not declare under neuromodulators (2 projections read it):", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeclaredNeuromodulator_OrARuleThatReadsNone_GivesNoWarning()
    {
        Assert.Empty(Validate(Spec("""{ "rule": "rstdp" }""")).Warnings);
        Assert.Empty(Validate(Spec("""{ "rule": "stdp" }""", neuromodulators: "[]")).Warnings);
    }

    [Fact]
    public void Warnings_AreThoseOfTheLastValidation()
    {
        var validator = new SpecValidator(TestRuntime.Registry);
        validator.Validate(SpecJson.Parse(Spec("""{ "rule": "rstdp" }""", neuromodulators: "[]")));
        Assert.Single(validator.Warnings);
        validator.Validate(SpecJson.Parse(Spec("""{ "rule": "rstdp" }""")));
        Assert.Empty(validator.Warnings);
    }

    [Fact]
    public void UndeclaredNeuromodulator_InAnInvalidSpec_IsStillWarnedBesideTheErrors()
    {
        var (errors, warnings) = Validate(Spec("""{ "rule": "rstdp", "params": { "tau_c": "-1 s" } }""", neuromodulators: "[]"));
        Assert.Equal("projections[0].plasticity.params.tau_c: must be > 0, got -1000 ms", Assert.Single(errors).ToString());
        Assert.Equal("projections[0].plasticity.rule", Assert.Single(warnings).Path);
    }
}
