using Cortex.Learning.Registry;

namespace Cortex.Learning.PatternCompletion;

/// <summary>
/// The binary pattern memorisation task of Miconi, Clune &amp; Stanley 2018 (section 4.1). An episode shows
/// <see cref="Patterns"/> random ±1 patterns, each for <see cref="PresentationSteps"/> steps followed by
/// <see cref="GapSteps"/> steps of zero input, the whole sequence <see cref="Cycles"/> times (in a new random
/// order each cycle); then, for <see cref="TestSteps"/> steps, a copy of one of them with a fraction
/// <see cref="DegradedFraction"/> of its bits zeroed. The network must output the full pattern at the last
/// step. Inputs are multiplied by <see cref="InputGain"/>, so a shown bit clamps its neuron. The defaults are
/// the paper's timing; the paper's patterns have 1000 bits.
/// </summary>
public sealed record PatternCompletionTask
{
    /// <summary>Patterns to memorise per episode (5 in the paper).</summary>
    public int Patterns { get; init; } = 5;

    /// <summary>Bits per pattern, one neuron each (1000 in the paper).</summary>
    public int PatternSize { get; init; } = 100;

    /// <summary>Steps each pattern is shown for.</summary>
    public int PresentationSteps { get; init; } = 6;

    /// <summary>Steps of zero input after each presentation.</summary>
    public int GapSteps { get; init; } = 4;

    /// <summary>How many times the whole set is shown.</summary>
    public int Cycles { get; init; } = 2;

    /// <summary>Steps the degraded pattern is shown for at the end.</summary>
    public int TestSteps { get; init; } = 6;

    /// <summary>The fraction of the test pattern's bits set to zero (exactly round(fraction·size) bits).</summary>
    public double DegradedFraction { get; init; } = 0.5;

    /// <summary>Input scale: a shown bit is ±gain (20 in the paper's code, which saturates tanh).</summary>
    public double InputGain { get; init; } = 20;

    /// <summary>Time steps per episode.</summary>
    public int Steps => Cycles * Patterns * (PresentationSteps + GapSteps) + TestSteps;

    /// <summary>How many bits of the test pattern are zeroed.</summary>
    public int MissingBits => (int)Math.Round(DegradedFraction * PatternSize, MidpointRounding.AwayFromZero);

    /// <summary>Throws naming the setting when a value is out of range (for tasks built in code; configs are checked by <see cref="Read"/>).</summary>
    public void Validate()
    {
        if (Problem() is { } problem) throw new ArgumentOutOfRangeException(problem.Key, problem.Message);
    }

    /// <summary>
    /// Reads the <c>task</c> section: <c>type</c> ("pattern_completion"), <c>patterns</c>, <c>pattern_size</c>,
    /// <c>presentation_steps</c>, <c>gap_steps</c>, <c>cycles</c>, <c>test_steps</c>, <c>degraded_fraction</c>,
    /// <c>input_gain</c>; the first bad value throws one error naming its JSON path.
    /// </summary>
    public static PatternCompletionTask Read(ConfigNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var type = node.Text("type");
        if (type != "pattern_completion") throw node.Error("type", $"expected \"pattern_completion\", got \"{type}\"");
        var defaults = new PatternCompletionTask();
        var task = new PatternCompletionTask
        {
            Patterns = node.WholeNumber("patterns", fallback: defaults.Patterns),
            PatternSize = node.WholeNumber("pattern_size", fallback: defaults.PatternSize),
            PresentationSteps = node.WholeNumber("presentation_steps", fallback: defaults.PresentationSteps),
            GapSteps = node.WholeNumber("gap_steps", fallback: defaults.GapSteps),
            Cycles = node.WholeNumber("cycles", fallback: defaults.Cycles),
            TestSteps = node.WholeNumber("test_steps", fallback: defaults.TestSteps),
            DegradedFraction = node.Number("degraded_fraction", defaults.DegradedFraction),
            InputGain = node.Number("input_gain", defaults.InputGain),
        };
        node.RejectUnknownKeys();
        if (task.Problem() is { } problem) throw node.Error(problem.Key, problem.Message);
        return task;
    }

    /// <summary>The first setting out of range, by its config key, or null when all are usable.</summary>
    private (string Key, string Message)? Problem()
    {
        // Sizes are capped so that an episode's input [steps, batch, size] stays addressable.
        if (Patterns is < 1 or > 1000) return ("patterns", $"must be between 1 and 1000, got {Patterns}");
        if (PatternSize is < 2 or > 100_000) return ("pattern_size", $"must be between 2 and 100000 (a degraded copy keeps some bits and zeroes others), got {PatternSize}");
        if (PresentationSteps is < 1 or > 1000) return ("presentation_steps", $"must be between 1 and 1000, got {PresentationSteps}");
        if (GapSteps is < 0 or > 1000) return ("gap_steps", $"must be between 0 and 1000, got {GapSteps}");
        if (Cycles is < 1 or > 100) return ("cycles", $"must be between 1 and 100, got {Cycles}");
        if (TestSteps is < 1 or > 1000) return ("test_steps", $"must be between 1 and 1000, got {TestSteps}");
        if (!(DegradedFraction is > 0 and < 1) || MissingBits < 1 || MissingBits >= PatternSize)
            return ("degraded_fraction", $"must zero at least one and keep at least one of the {PatternSize} bits (0 < fraction < 1), got {DegradedFraction}");
        if (!(InputGain > 0) || double.IsInfinity(InputGain)) return ("input_gain", $"must be a finite number > 0, got {InputGain}");
        return null;
    }
}
