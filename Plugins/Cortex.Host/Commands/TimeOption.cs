using Cortex.Units;

namespace Cortex.Host.Commands;

/// <summary>Reads a time given on the command line ("500 ms", "1 s"), rejecting other dimensions with one clear line.</summary>
internal static class TimeOption
{
    public static Quantity Parse(string option, string? text)
    {
        if (!Quantity.TryParse(text, out var time, out var error)) throw new UsageException($"{option}: {error}");
        if (time.Dimension != Dimension.Time) throw new UsageException($"{option}: expected a time such as '500 ms', got '{text}'");
        return time;
    }
}
