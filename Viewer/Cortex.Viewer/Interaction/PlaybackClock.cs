namespace Cortex.Viewer.Interaction;

/// <summary>
/// The viewer's time controls: where in the recording the picture is (<see cref="TimeMs"/>), whether it plays, and
/// how fast (<see cref="SpeedMsPerSecond"/>, biological milliseconds shown per second of wall time).
/// </summary>
/// <remarks>
/// Plain arithmetic, no clock of its own: the frame loop passes the wall time of each frame to <see cref="Advance"/>,
/// so a scripted run that passes a fixed 1/30 s per frame shows the same times on every machine.
/// Playing stops at the end of a replay. In live mode (<see cref="Live"/>) the end grows as the run goes on, and a clock
/// that is <see cref="Following"/> stays at the newest time; pausing or scrubbing stops following, End resumes it.
/// </remarks>
public sealed class PlaybackClock
{
    /// <summary>Slowest playback speed, biological ms per wall second.</summary>
    public const double MinSpeed = 1.0 / 64;

    /// <summary>Fastest playback speed, biological ms per wall second.</summary>
    public const double MaxSpeed = 65_536;

    private double _speed;

    /// <summary>A clock at time 0 over a recording of <paramref name="endMs"/> ms.</summary>
    /// <param name="endMs">The recording's end (its duration), ms.</param>
    /// <param name="speedMsPerSecond">Initial speed; null chooses <see cref="DefaultSpeed"/>.</param>
    /// <param name="live">True when the recording is still growing (see <see cref="Live"/>).</param>
    public PlaybackClock(double endMs, double? speedMsPerSecond = null, bool live = false)
    {
        if (!(endMs >= 0) || !double.IsFinite(endMs)) throw new ArgumentOutOfRangeException(nameof(endMs), endMs, "must be a finite time >= 0");
        EndMs = endMs;
        Live = live;
        Following = live;
        _speed = Math.Clamp(speedMsPerSecond ?? DefaultSpeed(endMs), MinSpeed, MaxSpeed);
        Playing = true;
    }

    /// <summary>The time shown, ms, within [0, <see cref="EndMs"/>].</summary>
    public double TimeMs { get; private set; }

    /// <summary>The end of what can be shown, ms.</summary>
    public double EndMs { get; private set; }

    /// <summary>Whether time advances with the wall clock.</summary>
    public bool Playing { get; private set; }

    /// <summary>True for a run followed as it happens: the end grows, and playing follows it.</summary>
    public bool Live { get; }

    /// <summary>In live mode, whether the clock stays at the newest time as the end grows.</summary>
    public bool Following { get; private set; }

    /// <summary>Biological ms shown per wall second.</summary>
    public double SpeedMsPerSecond => _speed;

    /// <summary>How far one arrow key press moves: 1/100 of the recording, at least 1 ms (a tenth of a second's play at most when live).</summary>
    public double ScrubStepMs => Math.Max(1.0, Live ? _speed / 10 : EndMs / 100);

    /// <summary>
    /// The speed a replay starts at: the whole recording in about 10 s of wall time, rounded down to a power of two so
    /// <c>+</c> and <c>-</c> land on round values; live runs start at real time (1000 ms per second).
    /// </summary>
    public static double DefaultSpeed(double endMs)
    {
        if (!(endMs > 0)) return 1000;
        var tenSeconds = endMs / 10;
        return Math.Clamp(Math.Pow(2, Math.Floor(Math.Log2(tenSeconds))), MinSpeed, MaxSpeed);
    }

    /// <summary>Moves time on by <paramref name="wallSeconds"/> of wall time when playing; stops at the end of a replay.</summary>
    public void Advance(double wallSeconds)
    {
        if (!(wallSeconds >= 0)) throw new ArgumentOutOfRangeException(nameof(wallSeconds), wallSeconds, "must be >= 0");
        if (Following)
        {
            TimeMs = EndMs;
            return;
        }
        if (!Playing) return;
        TimeMs = Math.Min(EndMs, TimeMs + wallSeconds * _speed);
        if (TimeMs >= EndMs && !Live) Playing = false;
    }

    /// <summary>In live mode, the run has reached <paramref name="endMs"/>; the end never moves back.</summary>
    public void ExtendEnd(double endMs)
    {
        if (endMs <= EndMs) return;
        EndMs = endMs;
        if (Following) TimeMs = endMs;
    }

    /// <summary>Applies a time-control key (the camera and close keys are not the clock's and are ignored).</summary>
    public void Apply(ViewerKey key)
    {
        switch (key)
        {
            case ViewerKey.PlayPause: TogglePlay(); break;
            case ViewerKey.Faster: _speed = Math.Min(MaxSpeed, _speed * 2); break;
            case ViewerKey.Slower: _speed = Math.Max(MinSpeed, _speed / 2); break;
            case ViewerKey.StepBack: Seek(TimeMs - ScrubStepMs); break;
            case ViewerKey.StepForward: Seek(TimeMs + ScrubStepMs); break;
            case ViewerKey.Start: Seek(0); break;
            case ViewerKey.End:
                Seek(EndMs);
                Following = Live;
                break;
        }
    }

    /// <summary>Play or pause; playing a replay that has reached its end starts it again from 0.</summary>
    public void TogglePlay()
    {
        if (Playing || Following)
        {
            Playing = false;
            Following = false;
            return;
        }
        if (!Live && TimeMs >= EndMs) TimeMs = 0;
        Playing = true;
    }

    /// <summary>Shows <paramref name="timeMs"/>, clamped to the recording; stops following a live run.</summary>
    public void Seek(double timeMs)
    {
        if (double.IsNaN(timeMs)) throw new ArgumentOutOfRangeException(nameof(timeMs), timeMs, "must be a time");
        TimeMs = Math.Clamp(timeMs, 0, EndMs);
        Following = false;
    }

    /// <summary>Sets the speed (biological ms per wall second), clamped to [<see cref="MinSpeed"/>, <see cref="MaxSpeed"/>]; 0 pauses.</summary>
    public void SetSpeed(double speedMsPerSecond)
    {
        if (!(speedMsPerSecond >= 0) || !double.IsFinite(speedMsPerSecond)) throw new ArgumentOutOfRangeException(nameof(speedMsPerSecond), speedMsPerSecond, "must be a finite speed >= 0");
        if (speedMsPerSecond == 0)
        {
            Playing = false;
            Following = false;
            return;
        }
        _speed = Math.Clamp(speedMsPerSecond, MinSpeed, MaxSpeed);
    }

    /// <summary>"t = 123.4 / 1000 ms  ▶ 100 ms/s" for the title bar.</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"t = {TimeMs:0.0} / {EndMs:0} ms  {(Following ? "live" : Playing ? "playing" : "paused")} at {_speed:0.###} ms/s");
}
