using Cortex.Tasks;

namespace GuideExamples.Reach;

/// <summary>
/// The environment of <see cref="ReachTask"/>: a hand on a line starts at 0; the target sits at a distance drawn per episode
/// from 1 to maxDistance, on a side drawn too. The agent sees the offset target − hand and answers −1, 0 or +1; the hand
/// moves by that. Reward 1 on reaching the target, which ends the episode, as does running out of moves.
/// </summary>
public sealed class ReachLine(int maxDistance, int maxMoves) : IEnvironment<int, int>
{
    private int _hand, _target, _moves;

    /// <summary>The episode's starting distance: the fewest moves that reach the target.</summary>
    public int Distance { get; private set; }

    public int Reset(ulong seed)
    {
        var random = TaskSeeds.Random(seed);
        Distance = 1 + random.NextInt(maxDistance);
        _target = random.NextInt(2) == 0 ? -Distance : Distance;
        _hand = 0;
        _moves = 0;
        return _target - _hand;
    }

    public StepResult<int> Step(int action)
    {
        _hand += Math.Sign(action);
        _moves++;
        var offset = _target - _hand;
        return new(offset, offset == 0 ? 1 : 0, offset == 0 || _moves == maxMoves);
    }
}
