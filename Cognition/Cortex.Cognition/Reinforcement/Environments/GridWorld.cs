using System.Globalization;
using Cortex.Tasks;

namespace Cortex.Cognition.Reinforcement.Environments;

/// <summary>
/// A grid world (Sutton &amp; Barto 2018, ch. 3): the agent starts in the top-left cell and must reach the goal in the
/// bottom-right one. Actions: 0 up, 1 right, 2 down, 3 left; a move into the border or a wall leaves the agent where it
/// is. Reward −0.01 per step and +1 for the step that reaches the goal (which ends the episode); the episode is
/// truncated at the step limit. With walls on, a wall fills the middle column except its bottom cell, so the way
/// leads round it (the shortest path is still |rows − 1| + |cols − 1| moves). The world is deterministic, so the seed
/// changes nothing; it is taken for the common contract. Observation: row, column.
/// </summary>
public sealed class GridWorld : IControlEnvironment, IEpisodeStatistics
{
    /// <summary>The cost of every step that does not reach the goal.</summary>
    public const double StepReward = -0.01;

    /// <summary>The reward for reaching the goal.</summary>
    public const double GoalReward = 1.0;

    private static readonly (int Row, int Col)[] Moves = [(-1, 0), (0, 1), (1, 0), (0, -1)];

    private readonly bool[,] _wall;
    private int _row, _col, _step;
    private bool _over = true;
    private bool _reached;

    /// <summary>A <paramref name="rows"/> × <paramref name="cols"/> world, with the middle wall when <paramref name="walls"/>, ending at <paramref name="maxSteps"/> steps.</summary>
    public GridWorld(int rows = 5, int cols = 5, bool walls = false, int maxSteps = 50)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(cols, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSteps, 1);
        if (walls && cols < 3) throw new ArgumentOutOfRangeException(nameof(cols), cols, "a grid with a wall needs at least 3 columns");
        Rows = rows;
        Cols = cols;
        MaxSteps = maxSteps;
        _wall = new bool[rows, cols];
        if (walls)
            for (var r = 0; r < rows - 1; r++) _wall[r, cols / 2] = true;
        ObservationRange = [(0, rows - 1), (0, cols - 1)];
    }

    /// <inheritdoc />
    public string Name => "grid_world";

    /// <summary>Rows of the grid.</summary>
    public int Rows { get; }

    /// <summary>Columns of the grid.</summary>
    public int Cols { get; }

    /// <inheritdoc />
    public int ObservationSize => 2;

    /// <inheritdoc />
    public int ActionCount => 4;

    /// <inheritdoc />
    public int MaxSteps { get; }

    /// <inheritdoc />
    public IReadOnlyList<(double Low, double High)> ObservationRange { get; }

    /// <summary>The return of the shortest path: every move costs <see cref="StepReward"/> except the last, which earns <see cref="GoalReward"/>.</summary>
    public double ShortestPathReturn => (Rows + Cols - 3) * StepReward + GoalReward;

    /// <summary>Whether a wall fills cell (<paramref name="row"/>, <paramref name="col"/>).</summary>
    public bool IsWall(int row, int col) => _wall[row, col];

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> EpisodeStatistics =>
        new Dictionary<string, double>(StringComparer.Ordinal) { ["goal_reached"] = _reached ? 1 : 0 };

    /// <inheritdoc />
    public double[] Reset(ulong seed)
    {
        (_row, _col, _step) = (0, 0, 0);
        _over = false;
        _reached = false;
        return [_row, _col];
    }

    /// <inheritdoc />
    public StepResult<double[]> Step(int action)
    {
        if (action is < 0 or > 3) throw new InvalidActionException(Name, _step, action.ToString(CultureInfo.InvariantCulture), "0 (up), 1 (right), 2 (down) or 3 (left)");
        if (_over) throw new InvalidOperationException($"{Name}: the episode is over; call Reset to start another");
        var (row, col) = (_row + Moves[action].Row, _col + Moves[action].Col);
        if (row >= 0 && row < Rows && col >= 0 && col < Cols && !_wall[row, col]) (_row, _col) = (row, col);
        _step++;
        _reached = _row == Rows - 1 && _col == Cols - 1;
        var truncated = !_reached && _step >= MaxSteps;
        _over = _reached || truncated;
        return new StepResult<double[]>([_row, _col], _reached ? GoalReward : StepReward, _over) { Truncated = truncated };
    }
}
