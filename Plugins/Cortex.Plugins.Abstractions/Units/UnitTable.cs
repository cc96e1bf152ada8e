using System.Collections.Frozen;

namespace Cortex.Units;

/// <summary>
/// The unit symbols Cortex understands and their factor to the internal unit system
/// (ms, mV, nA, µS, nF, MΩ, Hz), which is closed under the neuron equations without conversions.
/// </summary>
public static class UnitTable
{
    private static readonly FrozenDictionary<string, (Dimension Dimension, double Factor)> Symbols =
        new Dictionary<string, (Dimension, double)>(StringComparer.Ordinal)
        {
            ["s"] = (Dimension.Time, 1e3), ["ms"] = (Dimension.Time, 1), ["us"] = (Dimension.Time, 1e-3), ["µs"] = (Dimension.Time, 1e-3),
            ["V"] = (Dimension.Voltage, 1e3), ["mV"] = (Dimension.Voltage, 1), ["uV"] = (Dimension.Voltage, 1e-3), ["µV"] = (Dimension.Voltage, 1e-3),
            ["A"] = (Dimension.Current, 1e9), ["mA"] = (Dimension.Current, 1e6), ["uA"] = (Dimension.Current, 1e3), ["µA"] = (Dimension.Current, 1e3),
            ["nA"] = (Dimension.Current, 1), ["pA"] = (Dimension.Current, 1e-3),
            ["S"] = (Dimension.Conductance, 1e6), ["mS"] = (Dimension.Conductance, 1e3), ["uS"] = (Dimension.Conductance, 1), ["µS"] = (Dimension.Conductance, 1),
            ["nS"] = (Dimension.Conductance, 1e-3), ["pS"] = (Dimension.Conductance, 1e-6),
            ["F"] = (Dimension.Capacitance, 1e9), ["uF"] = (Dimension.Capacitance, 1e3), ["µF"] = (Dimension.Capacitance, 1e3),
            ["nF"] = (Dimension.Capacitance, 1), ["pF"] = (Dimension.Capacitance, 1e-3),
            ["Ohm"] = (Dimension.Resistance, 1e-6), ["kOhm"] = (Dimension.Resistance, 1e-3), ["MOhm"] = (Dimension.Resistance, 1), ["GOhm"] = (Dimension.Resistance, 1e3),
            ["Ω"] = (Dimension.Resistance, 1e-6), ["kΩ"] = (Dimension.Resistance, 1e-3), ["MΩ"] = (Dimension.Resistance, 1), ["GΩ"] = (Dimension.Resistance, 1e3),
            ["Hz"] = (Dimension.Frequency, 1), ["kHz"] = (Dimension.Frequency, 1e3),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Looks a unit symbol up; false for an unknown symbol.</summary>
    public static bool TryGet(string symbol, out Dimension dimension, out double factor)
    {
        if (Symbols.TryGetValue(symbol, out var entry))
        {
            (dimension, factor) = entry;
            return true;
        }
        dimension = default;
        factor = 0;
        return false;
    }

    /// <summary>The symbol of the internal unit of a dimension, used when writing quantities.</summary>
    public static string InternalSymbol(Dimension dimension) => dimension switch
    {
        Dimension.Time => "ms",
        Dimension.Voltage => "mV",
        Dimension.Current => "nA",
        Dimension.Conductance => "uS",
        Dimension.Capacitance => "nF",
        Dimension.Resistance => "MOhm",
        Dimension.Frequency => "Hz",
        _ => "",
    };

    /// <summary>A human example of a value of this dimension, for error messages.</summary>
    public static string Example(Dimension dimension) => dimension switch
    {
        Dimension.Time => "'20 ms'",
        Dimension.Voltage => "'-65 mV'",
        Dimension.Current => "'0.5 nA'",
        Dimension.Conductance => "'10 nS'",
        Dimension.Capacitance => "'200 pF'",
        Dimension.Resistance => "'100 MOhm'",
        Dimension.Frequency => "'10 Hz'",
        _ => "a plain number",
    };

    /// <summary>Lower-case name of a dimension for messages ("a time", "a voltage").</summary>
    public static string Describe(Dimension dimension) => dimension switch
    {
        Dimension.Dimensionless => "a plain number",
        Dimension.Time => "a time",
        Dimension.Voltage => "a voltage",
        Dimension.Current => "a current",
        Dimension.Conductance => "a conductance",
        Dimension.Capacitance => "a capacitance",
        Dimension.Resistance => "a resistance",
        Dimension.Frequency => "a frequency",
        _ => dimension.ToString(),
    };
}
