namespace Cortex.BrainRegions.Tests;

/// <summary>Every built-in circuit registers through the plugin contract with documented parameters and ports.</summary>
public sealed class RegistrationTests
{
    [Fact]
    public void EveryCircuit_HasADescription_PortsAndDescribedParameters()
    {
        Assert.NotEmpty(Runtime.Registry.Circuits);
        foreach (var (name, circuit) in Runtime.Registry.Circuits)
        {
            Assert.Equal(name, circuit.Name);
            Assert.False(string.IsNullOrWhiteSpace(circuit.Description), $"{name} has no description");
            Assert.NotEmpty(circuit.Ports);
            Assert.All(circuit.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Description), $"{name}.{p.Name} has no description"));
        }
    }
}
