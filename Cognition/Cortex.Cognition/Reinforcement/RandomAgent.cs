using Cortex.Randomness;
using Cortex.Tasks;

namespace Cortex.Cognition.Reinforcement;

/// <summary>
/// The baseline every figure is compared with: it picks each action uniformly at random (from its seed) and learns
/// nothing.
/// </summary>
public sealed class RandomAgent(int actionCount, ulong seed) : IReinforcementAgent
{
    private SeededRandom _random = TaskSeeds.Random(seed);

    /// <inheritdoc />
    public int Act(double[] observation, bool explore) => _random.NextInt(actionCount);

    /// <inheritdoc />
    public void Observe(double reward, double[] next, bool terminal)
    {
    }

    /// <inheritdoc />
    public void EndEpisode()
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
