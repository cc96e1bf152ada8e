using Cortex.Cognition.Reinforcement.SurrogateGradient;
using static TorchSharp.torch;

namespace Cortex.Cognition.Tests;

/// <summary>The surrogate-gradient agent's parts checked against direct computations: GAE and the leaky-integrator readout.</summary>
public sealed class SurrogateGradientPartsTests
{
    [Fact]
    public void Advantages_FollowTheGaeSum_WithinSegments()
    {
        const double gamma = 0.9, lambda = 0.7;
        // Episode 1: three steps ending in a terminal state; episode 2: two steps cut by the time limit; then two steps
        // of an episode still running when the rollout ends.
        var rollout = new Rollout();
        double[] rewards = [1, 2, 3, 4, 5, 6, 7];
        bool[] terminal = [false, false, true, false, false, false, false];
        for (var t = 0; t < rewards.Length; t++)
        {
            rollout.Add([t], 0, rewards[t], [t + 1], terminal[t]);
            if (t is 2 or 4) rollout.EndSegment();
        }
        double[] values = [0.5, -1, 2, 0.25, 1.5, -0.5, 3];
        double[] next = [10, 20, 30, 40, 50, 60, 70];
        var advantages = rollout.Advantages(values, next, gamma, lambda);

        // Direct: A_t = Σ_{l=0}^{end−t} (γλ)^l δ_{t+l}, δ_u = r_u + γ·V(s_{u+1}) − V(s_u) with V(s_{u+1}) = 0 after a terminal.
        int[] segmentEnd = [2, 2, 2, 4, 4, 6, 6];
        for (var t = 0; t < rewards.Length; t++)
        {
            var expected = 0.0;
            for (var u = t; u <= segmentEnd[t]; u++)
            {
                var nextValue = terminal[u] ? 0 : next[u];
                var delta = rewards[u] + gamma * nextValue - values[u];
                expected += Math.Pow(gamma * lambda, u - t) * delta;
            }
            Assert.Equal(expected, advantages[t], 12);
        }
    }

    [Theory]
    [InlineData(1, 2.0)]
    [InlineData(5, 0.5)]
    [InlineData(8, 4.0)]
    public void Readout_IsTheLeakyIntegratorsLastMembrane(int steps, double tau)
    {
        using var readout = new LeakyIntegratorReadout(steps, tau);
        using var currents = arange(steps * 2 * 3, float32).reshape(steps, 2, 3).sin();
        using var output = readout.call(currents);
        Assert.Equal([2L, 3L], output.shape);
        var k = 1 - Math.Exp(-1 / tau);
        for (var b = 0; b < 2; b++)
            for (var n = 0; n < 3; n++)
            {
                var v = 0.0;
                for (var t = 0; t < steps; t++) v += k * (currents[t, b, n].item<float>() - v);
                Assert.Equal(v, output[b, n].item<float>(), 5);
            }
    }
}
