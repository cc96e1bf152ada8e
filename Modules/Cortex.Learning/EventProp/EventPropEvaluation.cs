namespace Cortex.Learning.EventProp;

/// <summary>Loss and accuracy of an EventProp network on a data set, with its spike counts.</summary>
/// <param name="Loss">Mean first-spike-time loss.</param>
/// <param name="Accuracy">Fraction classified right (earliest output spike = label).</param>
/// <param name="Samples">Trials evaluated.</param>
/// <param name="SpikesPerTrial">Mean spikes per trial of each layer, input first.</param>
/// <param name="SilentOutputFraction">Fraction of trials in which no output neuron fired.</param>
public sealed record EventPropEvaluation(double Loss, double Accuracy, int Samples, IReadOnlyList<double> SpikesPerTrial, double SilentOutputFraction);
