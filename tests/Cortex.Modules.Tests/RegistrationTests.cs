using Cortex.Models;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Cortex.Modules.Tests;

public class RegistrationTests
{
    private static List<T> Registered<T>()
    {
        var services = new ServiceCollection();
        new ModulesPlugin().Configure(services);
        return [.. services.Where(d => d.ServiceType == typeof(T)).Select(d => (T)d.ImplementationInstance!)];
    }

    [Fact]
    public void Plugin_registers_every_built_in_model()
    {
        // The original built-ins come first, in their order; later additions follow.
        Assert.Equal(["lif", "if", "izhikevich", "adex", "hh"], Registered<NeuronModel>().Select(m => m.Name).Take(5));
        Assert.Equal(["delta", "exp_current", "exp_conductance", "pulse_current", "alpha_current", "biexp_conductance", "nmda"], Registered<SynapseModel>().Select(m => m.Name).Take(7));
        Assert.Equal(["stdp", "rstdp"], Registered<PlasticityRule>().Select(m => m.Name).Take(2));
        foreach (var names in new[] { Registered<NeuronModel>().Select(m => m.Name), Registered<SynapseModel>().Select(m => m.Name), Registered<PlasticityRule>().Select(m => m.Name) })
            Assert.Equal(names.Count(), names.Distinct().Count());
    }

    [Fact]
    public void Neuron_model_defaults_obey_their_rules_and_checks()
    {
        foreach (var model in Registered<NeuronModel>())
        {
            Assert.Equal(model.Parameters.Count, model.Parameters.Select(p => p.Name).Distinct().Count());
            Assert.All(model.Parameters, p => Assert.True(p.Rule.Accepts(p.Default), $"{model.Name}.{p.Name}"));
            var values = new ParameterValues(model.Parameters);
            Assert.Empty(model.Check(values));
            var initial = model.DefaultInitialState(values);
            Assert.Equal(model.StateVariables.Count, initial.Length);
            Assert.All(initial, v => Assert.True(double.IsFinite(v)));
        }
    }

    [Fact]
    public void Synapse_and_plasticity_defaults_obey_their_rules()
    {
        foreach (var model in Registered<SynapseModel>())
            Assert.All(model.Parameters, p => Assert.True(p.Rule.Accepts(p.Default), $"{model.Name}.{p.Name}"));
        foreach (var rule in Registered<PlasticityRule>())
            Assert.All(rule.Parameters, p => Assert.True(p.Rule.Accepts(p.Default), $"{rule.Name}.{p.Name}"));
    }
}
