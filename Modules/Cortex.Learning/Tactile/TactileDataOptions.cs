using Cortex.Learning.Registry;

namespace Cortex.Learning.Tactile;

/// <summary>
/// The <c>data.tactile</c> object: the taxel grid (<c>rows</c>, <c>cols</c>: 8 × 8), time bins (<c>steps</c>: 16),
/// objects (<c>classes</c>: 1–6 of <see cref="TactileShape.Names"/>, 6), samples (<c>train_per_class</c>: 80,
/// <c>test_per_class</c>: 20), the sensor's change threshold (<c>event_threshold</c>: 0.15 of full pressure), its
/// spurious-event rate per taxel, bin and polarity (<c>noise</c>: 0.005), the largest random shift of the contact
/// centre (<c>max_shift</c>: 1.5 taxels) and slip speed during the hold (<c>max_slip</c>: 0.15 taxels per bin).
/// </summary>
public sealed record TactileDataOptions
{
    /// <summary>Taxel rows.</summary>
    public int Rows { get; init; } = 8;

    /// <summary>Taxel columns.</summary>
    public int Cols { get; init; } = 8;

    /// <summary>Time bins per recording.</summary>
    public int Steps { get; init; } = 16;

    /// <summary>Object classes (the first this-many shapes).</summary>
    public int Classes { get; init; } = 6;

    /// <summary>Training recordings per class.</summary>
    public int TrainPerClass { get; init; } = 80;

    /// <summary>Test recordings per class.</summary>
    public int TestPerClass { get; init; } = 20;

    /// <summary>The pressure change that makes a taxel emit an event (a fraction of full pressure).</summary>
    public double EventThreshold { get; init; } = 0.15;

    /// <summary>Probability of a spurious event per taxel, bin and polarity.</summary>
    public double Noise { get; init; } = 0.005;

    /// <summary>The contact centre is shifted uniformly by up to this many taxels in x and y.</summary>
    public double MaxShift { get; init; } = 1.5;

    /// <summary>The object slips during the hold at up to this many taxels per bin, in a random direction.</summary>
    public double MaxSlip { get; init; } = 0.15;

    /// <summary>The shape of one recording: [steps, 2 polarities, rows, cols].</summary>
    public IReadOnlyList<long> SampleShape => [Steps, 2, Rows, Cols];

    /// <summary>Reads <paramref name="node"/> (absent: the defaults); every error names its path.</summary>
    public static TactileDataOptions Parse(ConfigNode? node)
    {
        if (node is null) return new TactileDataOptions();
        var options = new TactileDataOptions
        {
            Rows = node.WholeNumber("rows", 8, 2, 256),
            Cols = node.WholeNumber("cols", 8, 2, 256),
            Steps = node.WholeNumber("steps", 16, 4, 1000),
            Classes = node.WholeNumber("classes", TactileShape.Names.Count, 2, TactileShape.Names.Count),
            TrainPerClass = node.WholeNumber("train_per_class", 80, 1, 100_000),
            TestPerClass = node.WholeNumber("test_per_class", 20, 1, 100_000),
            EventThreshold = node.Number("event_threshold", 0.15, 0, 1, exclusiveMin: true),
            Noise = node.Number("noise", 0.005, 0, 1),
            MaxShift = node.Number("max_shift", 1.5, 0),
            MaxSlip = node.Number("max_slip", 0.15, 0),
        };
        node.RejectUnknownKeys();
        return options;
    }
}
