using Cortex.Viewer.Interaction;
using Xunit;

namespace Cortex.Viewer.Tests.Interaction;

public sealed class PlaybackClockTests
{
    [Fact]
    public void Playing_AdvancesBySpeedTimesWallTime_AndStopsAtTheEnd()
    {
        var clock = new PlaybackClock(1000, speedMsPerSecond: 100);
        Assert.True(clock.Playing);
        clock.Advance(0.5);
        Assert.Equal(50, clock.TimeMs, 12);
        for (var i = 0; i < 30; i++) clock.Advance(1.0 / 3);
        Assert.Equal(1000, clock.TimeMs);
        Assert.False(clock.Playing);
    }

    [Fact]
    public void Space_PausesAndResumes_AndResumingAtTheEndStartsOver()
    {
        var clock = new PlaybackClock(200, speedMsPerSecond: 100);
        clock.Apply(ViewerKey.PlayPause);
        clock.Advance(1);
        Assert.Equal(0, clock.TimeMs);
        clock.Apply(ViewerKey.PlayPause);
        clock.Advance(1);
        Assert.Equal(100, clock.TimeMs, 12);
        clock.Advance(5);
        Assert.False(clock.Playing);
        clock.Apply(ViewerKey.PlayPause);
        Assert.True(clock.Playing);
        Assert.Equal(0, clock.TimeMs);
    }

    [Fact]
    public void PlusAndMinus_DoubleAndHalveTheSpeed_WithinBounds()
    {
        var clock = new PlaybackClock(1000, speedMsPerSecond: 100);
        clock.Apply(ViewerKey.Faster);
        Assert.Equal(200, clock.SpeedMsPerSecond);
        clock.Apply(ViewerKey.Slower);
        clock.Apply(ViewerKey.Slower);
        Assert.Equal(50, clock.SpeedMsPerSecond);
        for (var i = 0; i < 100; i++) clock.Apply(ViewerKey.Slower);
        Assert.Equal(PlaybackClock.MinSpeed, clock.SpeedMsPerSecond);
        for (var i = 0; i < 100; i++) clock.Apply(ViewerKey.Faster);
        Assert.Equal(PlaybackClock.MaxSpeed, clock.SpeedMsPerSecond);
    }

    [Fact]
    public void Arrows_ScrubByAHundredthOfTheRecording_HomeAndEndJump_AndTimeStaysInside()
    {
        var clock = new PlaybackClock(2000, speedMsPerSecond: 100);
        clock.Apply(ViewerKey.StepForward);
        clock.Apply(ViewerKey.StepForward);
        Assert.Equal(40, clock.TimeMs, 12);
        clock.Apply(ViewerKey.StepBack);
        Assert.Equal(20, clock.TimeMs, 12);
        clock.Apply(ViewerKey.StepBack);
        clock.Apply(ViewerKey.StepBack);
        Assert.Equal(0, clock.TimeMs);
        clock.Apply(ViewerKey.End);
        Assert.Equal(2000, clock.TimeMs);
        clock.Apply(ViewerKey.StepForward);
        Assert.Equal(2000, clock.TimeMs);
        clock.Apply(ViewerKey.Start);
        Assert.Equal(0, clock.TimeMs);
    }

    [Theory]
    [InlineData(1000, 64)]      // 100 ms/s would play it in 10 s; the power of two below is 64
    [InlineData(10_000, 512)]   // 1000 → 512
    [InlineData(100, 8)]        // 10 → 8
    public void TheDefaultSpeed_PlaysTheRecordingInAboutTenSeconds(double endMs, double expected)
    {
        Assert.Equal(expected, PlaybackClock.DefaultSpeed(endMs));
        var seconds = endMs / PlaybackClock.DefaultSpeed(endMs);
        Assert.InRange(seconds, 10, 20);
    }

    [Fact]
    public void Live_FollowsTheGrowingEnd_UntilPaused_AndEndFollowsAgain()
    {
        var clock = new PlaybackClock(0, live: true);
        clock.ExtendEnd(50);
        clock.Advance(0.01);
        Assert.Equal(50, clock.TimeMs);
        clock.ExtendEnd(40); // the end never moves back
        Assert.Equal(50, clock.EndMs);
        clock.Apply(ViewerKey.PlayPause);
        Assert.False(clock.Following);
        clock.ExtendEnd(80);
        clock.Advance(1);
        Assert.Equal(50, clock.TimeMs);
        clock.Apply(ViewerKey.End);
        Assert.True(clock.Following);
        clock.ExtendEnd(120);
        Assert.Equal(120, clock.TimeMs);
    }

    [Fact]
    public void SpeedZero_Pauses()
    {
        var clock = new PlaybackClock(1000, speedMsPerSecond: 100);
        clock.Seek(300);
        clock.SetSpeed(0);
        clock.Advance(3);
        Assert.Equal(300, clock.TimeMs);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.SetSpeed(-1));
    }
}
