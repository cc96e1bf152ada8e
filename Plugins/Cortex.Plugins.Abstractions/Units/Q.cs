namespace Cortex.Units;

/// <summary>Short constructors for quantities in the fluent builder: <c>Q.Ms(20)</c>, <c>Q.MV(-65)</c>.</summary>
public static class Q
{
    /// <summary>Milliseconds.</summary>
    public static Quantity Ms(double value) => new(value, Dimension.Time);
    /// <summary>Seconds.</summary>
    public static Quantity S(double value) => new(value * 1e3, Dimension.Time);
    /// <summary>Millivolts.</summary>
    public static Quantity MV(double value) => new(value, Dimension.Voltage);
    /// <summary>Nanoamperes.</summary>
    public static Quantity NA(double value) => new(value, Dimension.Current);
    /// <summary>Picoamperes.</summary>
    public static Quantity PA(double value) => new(value * 1e-3, Dimension.Current);
    /// <summary>Nanosiemens.</summary>
    public static Quantity NS(double value) => new(value * 1e-3, Dimension.Conductance);
    /// <summary>Picofarads.</summary>
    public static Quantity PF(double value) => new(value * 1e-3, Dimension.Capacitance);
    /// <summary>Megaohms.</summary>
    public static Quantity MOhm(double value) => new(value, Dimension.Resistance);
    /// <summary>Hertz.</summary>
    public static Quantity Hz(double value) => new(value, Dimension.Frequency);
    /// <summary>A plain number.</summary>
    public static Quantity Number(double value) => Quantity.Number(value);
}
