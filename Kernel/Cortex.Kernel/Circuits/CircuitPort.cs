namespace Cortex.Circuits;

/// <summary>Which way spikes cross a circuit port.</summary>
public enum PortDirection
{
    /// <summary>An input: projections and stimuli may target it.</summary>
    In,
    /// <summary>An output: projections may start from it.</summary>
    Out,
}

/// <summary>A named entry or exit of a circuit, bound to one of its populations when it is built.</summary>
/// <param name="Name">The name a spec uses after the instance prefix (<c>bg.out</c>).</param>
/// <param name="Direction">Whether spikes enter or leave through it.</param>
/// <param name="Description">One line for listings.</param>
public sealed record CircuitPort(string Name, PortDirection Direction, string Description);
