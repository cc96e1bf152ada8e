namespace Cortex.Viewer.Rendering;

/// <summary>What changes from frame to frame: the time shown, each neuron's flash brightness in [0, 1] and an optional caption.</summary>
/// <param name="TimeMs">Simulated time shown in the time stamp, ms.</param>
/// <param name="Brightness">Flash brightness per scene neuron (see <see cref="Scene.ActivityTimeline.Brightness"/>).</param>
/// <param name="Caption">A line under the time stamp (e.g. the model's name), or null.</param>
public readonly record struct FrameState(double TimeMs, ReadOnlyMemory<float> Brightness, string? Caption);
