namespace Cortex.Units;

/// <summary>The physical dimension of a quantity; decides which unit strings a value may carry.</summary>
public enum Dimension
{
    /// <summary>A plain number (probabilities, counts, model constants).</summary>
    Dimensionless,
    /// <summary>Time; internal unit ms.</summary>
    Time,
    /// <summary>Electric potential; internal unit mV.</summary>
    Voltage,
    /// <summary>Electric current; internal unit nA.</summary>
    Current,
    /// <summary>Conductance; internal unit µS (so that µS × mV = nA).</summary>
    Conductance,
    /// <summary>Capacitance; internal unit nF (so that nA × ms / nF = mV).</summary>
    Capacitance,
    /// <summary>Resistance; internal unit MΩ (so that nA × MΩ = mV).</summary>
    Resistance,
    /// <summary>Frequency; internal unit Hz.</summary>
    Frequency,
}
