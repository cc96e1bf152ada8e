namespace Cortex.Learning.Training;

/// <summary>Which loss to train with and its constants (from <c>train.loss</c> and the keys beside it).</summary>
/// <param name="Name">"ce_mean", "tet" or "mse_count".</param>
/// <param name="TetLambda">TET's weight λ of the MSE regulariser pulling every step's output towards φ (0: pure TET).</param>
/// <param name="TetPhi">TET's regulariser target φ.</param>
/// <param name="TargetRate">mse_count: the output rate (spikes per step) the correct class should reach.</param>
public sealed record LossConfig(string Name, double TetLambda = 0, double TetPhi = 1, double TargetRate = 1);
