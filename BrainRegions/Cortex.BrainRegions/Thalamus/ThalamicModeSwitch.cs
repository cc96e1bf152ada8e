using Cortex.Models;
using Cortex.Simulation;
using Cortex.Spec;

namespace Cortex.BrainRegions.Thalamus;

/// <summary>
/// Moves a running <c>thalamocortical</c> instance between wake and sleep. The mode is nothing but the TC and RE bias
/// currents, built into the cells' <c>i_offset</c> for the mode in the spec; switching injects the difference between
/// the target mode's biases and the built ones (a neuromodulatory tone, as acetylcholine would set it).
/// </summary>
public sealed class ThalamicModeSwitch
{
    private readonly ParameterValues _values;
    private readonly ThalamicMode _built;
    private readonly string _instance;

    /// <summary>For the instance <paramref name="circuit"/> describes (its type must be <c>thalamocortical</c>).</summary>
    public ThalamicModeSwitch(CircuitSpec circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var model = new Thalamocortical();
        if (circuit.Type != model.Name) throw new ArgumentException($"circuit '{circuit.Name}' is a '{circuit.Type}', not a '{model.Name}'", nameof(circuit));
        _values = new ParameterValues(model.Parameters, circuit.Params.ToDictionary(p => p.Key, p => p.Value.Value, StringComparer.Ordinal));
        _built = (ThalamicMode)(int)_values["mode"];
        _instance = circuit.Name;
        Mode = _built;
    }

    /// <summary>The mode the instance is in now.</summary>
    public ThalamicMode Mode { get; private set; }

    /// <summary>Puts the instance running in <paramref name="session"/> into <paramref name="mode"/> from the next step on.</summary>
    /// <remarks>It overwrites the injected current of every TC and RE cell, so other current injected there is lost.</remarks>
    public void Apply(ClosedLoopSession session, ThalamicMode mode)
    {
        ArgumentNullException.ThrowIfNull(session);
        var built = Thalamocortical.Biases(_values, _built);
        var target = Thalamocortical.Biases(_values, mode);
        session.InjectedCurrent($"{_instance}.tc").Fill((float)(target.Tc - built.Tc));
        session.InjectedCurrent($"{_instance}.re").Fill((float)(target.Re - built.Re));
        Mode = mode;
    }
}
