namespace Cortex.Learning.Training;

/// <summary>The <c>train.optimizer</c> object.</summary>
/// <param name="Type">"adam" or "sgd".</param>
/// <param name="LearningRate">Initial learning rate (the schedule scales it).</param>
/// <param name="Momentum">SGD momentum (0 for plain SGD); unused by Adam.</param>
/// <param name="WeightDecay">L2 penalty added to the gradient.</param>
/// <param name="Beta1">Adam's first-moment decay.</param>
/// <param name="Beta2">Adam's second-moment decay.</param>
public sealed record OptimizerConfig(string Type, double LearningRate, double Momentum, double WeightDecay, double Beta1 = 0.9, double Beta2 = 0.999);
