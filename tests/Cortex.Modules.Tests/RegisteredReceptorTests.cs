using Cortex.Models;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Cortex.Modules.Tests;

public class RegisteredReceptorTests
{
    private static readonly string[] Added = ["alpha_current", "biexp_conductance", "nmda"];

    private static List<SynapseModel> Registered()
    {
        var services = new ServiceCollection();
        new ModulesPlugin().Configure(services);
        return [.. services.Where(d => d.ServiceType == typeof(SynapseModel)).Select(d => (SynapseModel)d.ImplementationInstance!)];
    }

    [Fact]
    public void The_plugin_registers_the_alpha_biexp_and_nmda_receptors_after_the_linear_ones()
    {
        Assert.Equal(["delta", "exp_current", "exp_conductance", "pulse_current", .. Added], Registered().Select(m => m.Name));
    }

    [Fact]
    public void Their_defaults_obey_their_rules_and_checks_and_build_a_resting_receptor()
    {
        foreach (var model in Registered().Where(m => Added.Contains(m.Name)))
        {
            Assert.Equal(model.Parameters.Count, model.Parameters.Select(p => p.Name).Distinct().Count());
            Assert.All(model.Parameters, p => Assert.True(p.Rule.Accepts(p.Default), $"{model.Name}.{p.Name}"));
            var values = new ParameterValues(model.Parameters);
            Assert.Empty(model.Check(values));
            Assert.False(model.JumpsVoltage);
            Assert.Null(model.Linear(values, 0.1));
            Assert.Equal(2, model.StateVariables.Count);
            Assert.Equal(model.StateVariables.Count, model.StateVariables.Select(v => v.Name).Distinct().Count());

            var group = model.CreateGroup(values, 3, 0.1);
            Assert.Equal(3, group.Count);
            for (var v = 0; v < model.StateVariables.Count; v++)
            {
                Assert.Equal(v, model.IndexOfVariable(model.StateVariables[v].Name));
                Assert.Equal(0f, group.Get(v, 1));
            }
            Assert.Equal(default, group.Input(1, -65));

            // Each state variable is its own slot, and a snapshot restores it.
            for (var v = 0; v < model.StateVariables.Count; v++) group.Set(v, 2, 0.25f * (v + 1));
            for (var v = 0; v < model.StateVariables.Count; v++) Assert.Equal(0.25f * (v + 1), group.Get(v, 2));
            using var buffer = new MemoryStream();
            using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) group.Save(writer);
            var copy = model.CreateGroup(values, 3, 0.1);
            buffer.Position = 0;
            using (var reader = new BinaryReader(buffer)) copy.Load(reader);
            for (var v = 0; v < model.StateVariables.Count; v++) Assert.Equal(group.Get(v, 2), copy.Get(v, 2));
        }
    }
}
