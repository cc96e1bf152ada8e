using Cortex.Learning.Training;

namespace Cortex.Learning.Tests;

/// <summary>Cosine annealing against its closed form lr_t = lr_min + ½(lr₀ − lr_min)(1 + cos(π t / T)).</summary>
public sealed class LearningRateScheduleTests
{
    [Fact]
    public void Cosine_HitsTheClosedFormAtKeyPoints()
    {
        var schedule = new LearningRateSchedule(LearningRateScheduleKind.Cosine, 0.1, 0.001, 400);
        Assert.Equal(0.1, schedule.RateAt(0), 12);
        Assert.Equal((0.1 + 0.001) / 2, schedule.RateAt(200), 12);
        Assert.Equal(0.001 + (0.5 * (0.1 - 0.001) * (1 + (Math.Sqrt(2) / 2))), schedule.RateAt(100), 12);
        Assert.Equal(0.001 + (0.5 * (0.1 - 0.001) * (1 - (Math.Sqrt(2) / 2))), schedule.RateAt(300), 12);
        Assert.Equal(0.001, schedule.RateAt(400), 12);
        Assert.Equal(0.001, schedule.RateAt(10_000), 12);
    }

    [Fact]
    public void Cosine_FallsMonotonicallyAndIsSymmetricAboutTheMidpoint()
    {
        var schedule = new LearningRateSchedule(LearningRateScheduleKind.Cosine, 1, 0, 100);
        for (var t = 1; t <= 100; t++) Assert.True(schedule.RateAt(t) < schedule.RateAt(t - 1));
        // cos(π(T − t)/T) = −cos(πt/T): the rates at t and T − t add up to lr₀ + lr_min.
        for (var t = 0; t <= 100; t++) Assert.Equal(1, schedule.RateAt(t) + schedule.RateAt(100 - t), 12);
    }

    [Fact]
    public void Constant_NeverChanges()
    {
        var schedule = new LearningRateSchedule(LearningRateScheduleKind.Constant, 0.01, 0, 10);
        Assert.All(Enumerable.Range(0, 20), t => Assert.Equal(0.01, schedule.RateAt(t)));
    }

    [Fact]
    public void Schedule_RejectsAFloorAboveTheStart() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateSchedule(LearningRateScheduleKind.Cosine, 0.01, 0.1, 10));
}
