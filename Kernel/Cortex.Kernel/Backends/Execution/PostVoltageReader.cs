namespace Cortex.Backends.Execution;

/// <summary>
/// Copies the membrane potentials (mV) of a plastic projection's target neurons, as they stand after the step's neuron
/// update, into <paramref name="into"/> (one per neuron): how a backend hands voltages to a rule that reads them
/// (<see cref="Cortex.Models.IVoltageReadingRule{TPost, TParams}"/>).
/// </summary>
public delegate void PostVoltageReader(Span<float> into);
