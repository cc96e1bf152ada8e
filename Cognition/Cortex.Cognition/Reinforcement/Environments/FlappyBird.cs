using System.Globalization;
using Cortex.Randomness;
using Cortex.Tasks;

namespace Cortex.Cognition.Reinforcement.Environments;

/// <summary>
/// A Flappy-Bird-like pipe game after the one BrainCog's BDM-SNN plays (Zhao, Zeng et al. 2018; BrainCog
/// <c>examples/decision_making/BDM-SNN</c>). Geometry as there: a 512-px-high screen, a 32-px bird with its left edge
/// at x = 250, pipes 80 px wide that enter at x = 567, move 3 px per frame and come every 120 frames, with a 128-px gap
/// whose top is one of 32, 64, …, 320 px (drawn from the episode's seed). Physics of the original game (FlapPyBird):
/// gravity adds 1 px/frame to the fall speed (at most 10), a flap sets it to −9. The agent decides every 2 frames, as
/// BDM-SNN does: action 0 glides, 1 flaps. Touching a pipe, the ground or the ceiling ends the episode; the episode is
/// truncated at the step limit. Reward, BDM-SNN's shaping scaled by 1/100: +0.06 for a step that ends with the bird
/// safely inside the next gap's band, else +0.03 when it got closer to the gap's centre and −0.05 when it did not, and
/// −1 for crashing. The game's score is the pipes passed (<see cref="Pipes"/>). Observation: the bird's offset from the
/// next gap's centre (px, positive = below) and its vertical speed (px/frame). Like BDM-SNN's state, which is the
/// bird's vertical band relative to the gap, it leaves out the distance to the pipe: what to do depends on where the
/// gap is, not on when it comes (<see cref="NextPipeDistance"/> has it for inspection).
/// </summary>
public sealed class FlappyBird : IControlEnvironment, IEpisodeStatistics
{
    /// <summary>Screen height (px).</summary>
    public const double Height = 512;

    /// <summary>The bird's width and height (px).</summary>
    public const double BirdSize = 32;

    /// <summary>The bird's left edge (px).</summary>
    public const double BirdX = 250;

    /// <summary>Pipe width (px).</summary>
    public const double PipeWidth = 80;

    /// <summary>Where a new pipe's left edge enters (px).</summary>
    public const double PipeEntry = 567;

    /// <summary>How far pipes move per frame (px).</summary>
    public const double PipeSpeed = 3;

    /// <summary>Frames between two pipes.</summary>
    public const int PipeInterval = 120;

    /// <summary>The gap between a pipe's upper and lower part (px).</summary>
    public const double Gap = 128;

    /// <summary>Added to the fall speed each frame (px/frame²).</summary>
    public const double Gravity = 1;

    /// <summary>The fall speed a flap sets (px/frame, negative = up).</summary>
    public const double FlapSpeed = -9;

    /// <summary>The fastest fall (px/frame).</summary>
    public const double MaxFallSpeed = 10;

    /// <summary>Frames per decision.</summary>
    public const int FramesPerStep = 2;

    // Inside the gap with this much room above and below counts as safe (BDM-SNN's NEAR_COLLIDE / 2).
    private const double SafeMargin = 15;

    private readonly List<(double X, double GapTop, bool Counted)> _pipes = [];
    private SeededRandom _random;
    private double _y, _speed;
    private int _frame, _step;
    private bool _over = true;

    /// <summary>A game truncated after <paramref name="maxSteps"/> decisions.</summary>
    public FlappyBird(int maxSteps = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSteps, 1);
        MaxSteps = maxSteps;
    }

    /// <inheritdoc />
    public string Name => "flappy";

    /// <inheritdoc />
    public int ObservationSize => 2;

    /// <inheritdoc />
    public int ActionCount => 2;

    /// <inheritdoc />
    public int MaxSteps { get; }

    /// <inheritdoc />
    public IReadOnlyList<(double Low, double High)> ObservationRange { get; } =
        // The offset's range is one gap either way: finer resolution where it matters, and farther is simply "far".
        [(-Gap, Gap), (FlapSpeed, MaxFallSpeed)];

    /// <summary>Pipes passed this episode: the game's score.</summary>
    public int Pipes { get; private set; }

    /// <summary>The bird's top edge (px from the top of the screen).</summary>
    public double BirdY => _y;

    /// <summary>The bird's vertical speed (px/frame, positive = down).</summary>
    public double BirdSpeed => _speed;

    /// <summary>The pipes on screen: left edge and the top of their gap (px).</summary>
    public IReadOnlyList<(double X, double GapTop)> PipesOnScreen => [.. _pipes.Select(p => (p.X, p.GapTop))];

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> EpisodeStatistics =>
        new Dictionary<string, double>(StringComparer.Ordinal) { ["pipes"] = Pipes };

    /// <inheritdoc />
    public double[] Reset(ulong seed)
    {
        _random = TaskSeeds.Random(seed);
        _pipes.Clear();
        _y = Height / 2 - BirdSize / 2;
        _speed = 0;
        _frame = 0;
        _step = 0;
        Pipes = 0;
        _over = false;
        AddPipe();
        return Observation();
    }

    /// <summary>Places the bird and the pipes directly (for tests of the physics and the scoring); starts a fresh episode.</summary>
    public void SetState(double y, double speed, IEnumerable<(double X, double GapTop)> pipes)
    {
        ArgumentNullException.ThrowIfNull(pipes);
        _random = TaskSeeds.Random(0);
        _pipes.Clear();
        _pipes.AddRange(pipes.Select(p => (p.X, p.GapTop, false)));
        (_y, _speed, _frame, _step, Pipes, _over) = (y, speed, 1, 0, 0, false);
    }

    /// <inheritdoc />
    public StepResult<double[]> Step(int action)
    {
        if (action is not (0 or 1)) throw new InvalidActionException(Name, _step, action.ToString(CultureInfo.InvariantCulture), "0 (glide) or 1 (flap)");
        if (_over) throw new InvalidOperationException($"{Name}: the episode is over; call Reset to start another");
        var before = Math.Abs(Offset());
        var crashed = false;
        for (var f = 0; f < FramesPerStep && !crashed; f++)
        {
            _speed = f == 0 && action == 1 ? FlapSpeed : Math.Min(_speed + Gravity, MaxFallSpeed);
            _y += _speed;
            for (var i = 0; i < _pipes.Count; i++)
            {
                var pipe = _pipes[i];
                pipe.X -= PipeSpeed;
                if (!pipe.Counted && pipe.X + PipeWidth < BirdX)
                {
                    pipe.Counted = true;
                    Pipes++;
                }
                _pipes[i] = pipe;
            }
            _pipes.RemoveAll(p => p.X + PipeWidth < 0);
            _frame++;
            if (_frame % PipeInterval == 0) AddPipe();
            crashed = Collides();
        }
        _step++;
        var truncated = !crashed && _step >= MaxSteps;
        _over = crashed || truncated;
        var reward = crashed ? -1.0 : Safe() ? 0.06 : Math.Abs(Offset()) < before ? 0.03 : -0.05;
        return new StepResult<double[]>(Observation(), reward, _over) { Truncated = truncated };
    }

    private void AddPipe() => _pipes.Add((PipeEntry, 32 * (1 + _random.NextInt(10)), false));

    private bool Collides()
    {
        if (_y <= 0 || _y >= Height - BirdSize) return true;
        foreach (var pipe in _pipes)
            if (pipe.X < BirdX + BirdSize && pipe.X + PipeWidth > BirdX && (_y < pipe.GapTop || _y + BirdSize > pipe.GapTop + Gap))
                return true;
        return false;
    }

    // The pipe the bird must pass next: the first whose right edge is not yet behind the bird.
    private (double X, double GapTop)? NextPipe()
    {
        foreach (var pipe in _pipes)
            if (pipe.X + PipeWidth >= BirdX) return (pipe.X, pipe.GapTop);
        return null;
    }

    // The bird's centre below the next gap's centre (px); the screen's centre stands in when no pipe is coming.
    private double Offset()
    {
        var centre = NextPipe() is { } pipe ? pipe.GapTop + Gap / 2 : Height / 2;
        return _y + BirdSize / 2 - centre;
    }

    private bool Safe() => Math.Abs(Offset()) <= (Gap - BirdSize) / 2 - SafeMargin;

    /// <summary>The horizontal distance from the bird's right edge to the next pipe (px).</summary>
    public double NextPipeDistance => NextPipe() is { } pipe ? pipe.X - (BirdX + BirdSize) : PipeEntry - (BirdX + BirdSize);

    private double[] Observation() => [Offset(), _speed];
}
