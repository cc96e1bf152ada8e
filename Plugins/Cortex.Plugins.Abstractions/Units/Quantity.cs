using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Cortex.Units;

/// <summary>
/// A number with a physical dimension, held in Cortex's internal units (ms, mV, nA, µS, nF, MΩ, Hz),
/// so specs written in any unit compare and round-trip exactly.
/// </summary>
public readonly record struct Quantity(double Value, Dimension Dimension)
{
    /// <summary>A plain number.</summary>
    public static Quantity Number(double value) => new(value, Dimension.Dimensionless);

    /// <summary>Parses "20 ms", "-65 mV", "0.5 nA", "1e-3 s" or a plain number.</summary>
    /// <exception cref="FormatException">The text is not a number with a known unit; the message says why.</exception>
    public static Quantity Parse(string text)
    {
        if (!TryParse(text, out var quantity, out var error)) throw new FormatException(error);
        return quantity;
    }

    /// <summary>Parses like <see cref="Parse"/>, returning a readable reason on failure.</summary>
    public static bool TryParse(string? text, out Quantity quantity, [NotNullWhen(false)] out string? error)
    {
        quantity = default;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            error = "empty value";
            return false;
        }
        // Split at the first character that cannot belong to the number (the unit starts there).
        var split = 0;
        while (split < trimmed.Length && IsNumberChar(trimmed, split)) split++;
        var numberText = trimmed[..split];
        var unit = trimmed[split..].Trim();
        if (!double.TryParse(numberText, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            error = $"'{text}' is not a number followed by a unit (e.g. '20 ms')";
            return false;
        }
        if (!double.IsFinite(number))
        {
            error = $"'{text}' is not a finite number";
            return false;
        }
        if (unit.Length == 0)
        {
            quantity = Number(number);
            error = null;
            return true;
        }
        if (!UnitTable.TryGet(unit, out var dimension, out var factor))
        {
            error = $"unknown unit '{unit}' in '{text}' (known: s, ms, us, V, mV, A, nA, pA, S, uS, nS, F, nF, pF, Ohm, MOhm, Hz, kHz, ...)";
            return false;
        }
        var scaled = number * factor;
        if (!double.IsFinite(scaled))
        {
            // "1e308 kHz" is a finite number whose value in the internal unit is not.
            error = $"'{text}' is out of range: it overflows in {UnitTable.InternalSymbol(dimension)}";
            return false;
        }
        quantity = new Quantity(scaled, dimension);
        error = null;
        return true;
    }

    private static bool IsNumberChar(string s, int i)
    {
        var c = s[i];
        if (char.IsDigit(c) || c == '.' || c == '+' || c == '-') return true;
        // An exponent 'e' belongs to the number only when a digit or sign follows it ("1e-3 s" but not "1 e").
        return (c == 'e' || c == 'E') && i > 0 && char.IsDigit(s[i - 1]) && i + 1 < s.Length
            && (char.IsDigit(s[i + 1]) || s[i + 1] == '-' || s[i + 1] == '+');
    }

    /// <summary>Writes the value in the internal unit of its dimension, shortest round-trip form.</summary>
    public override string ToString()
    {
        var number = Value.ToString("R", CultureInfo.InvariantCulture);
        var symbol = UnitTable.InternalSymbol(Dimension);
        return symbol.Length == 0 ? number : $"{number} {symbol}";
    }
}
