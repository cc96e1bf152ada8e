using Cortex.Cognition.Motor;
using Cortex.Spec;
using Cortex.Tasks;
using Cortex.Units;
using Xunit.Abstractions;

namespace Cortex.Cognition.Tests;

/// <summary>
/// The NEF pieces of the reach controller: the rate curve against the kernel's own LIF neurons, the decoders against
/// the function they were solved for, and the spiking ensembles against the same function.
/// </summary>
public sealed class NefControllerTests(ITestOutputHelper output)
{
    private static ReachSettings Defaults => ReachSettings.From(Runtime.Registry.Tasks["reach"].ResolveParameters(new Dictionary<string, string>()));

    [Fact]
    public void TheRateCurve_IsWhatTheKernelsLifNeuronsFire()
    {
        const double dt = 0.1;
        double[] currents = [0.1, 0.2, 0.25, 0.3, 0.5, 1.0, 2.0];
        var spec = new NetworkBuilder("rates").Dt(Q.Ms(dt)).Duration(Q.Ms(2000)).Seed(1).Population("p", currents.Length, "lif").Build();
        var context = Runtime.TaskContext("reach", 1);
        using var session = context.Open(context.Compile(spec));
        for (var i = 0; i < currents.Length; i++) session.InjectedCurrent("p")[i] = (float)currents[i];
        var counts = new int[currents.Length];
        const int steps = 20_000;
        for (var s = 0; s < steps; s++)
        {
            session.Step();
            foreach (var n in session.Spikes("p")) counts[n]++;
        }
        var curve = LifRateCurve.KernelDefaults(dt);
        for (var i = 0; i < currents.Length; i++)
        {
            var measured = counts[i] / (steps * dt / 1000);
            // Continuous-time LIF rate, Eliasmith & Anderson (2003) eq. 4.9, with R = 80 MΩ and 15 mV to threshold.
            var drive = 80 * currents[i];
            var textbook = drive <= 15 ? 0 : 1000 / (2 + 20 * Math.Log(drive / (drive - 15)));
            output.WriteLine($"I = {currents[i]} nA: kernel {measured:0.0} Hz, curve {curve.Rate(currents[i]):0.0} Hz, continuous {textbook:0.0} Hz");
            Assert.InRange(measured, curve.Rate(currents[i]) - 1, curve.Rate(currents[i]) + 1);
            Assert.InRange(curve.Rate(currents[i]), 0.97 * textbook - 0.5, 1.03 * textbook + 0.5);
        }
        Assert.Equal(0, counts[0]);
    }

    [Fact]
    public void TheDecoders_ReproduceTheirTorques_OnTheTuningCurves_WithinTwoPercentOfTheRange()
    {
        var design = new ReachControllerDesign(Defaults, 5);
        // Fresh points, not those the decoders were fitted on.
        var points = NefEnsemble.SamplePoints(500, 2, TaskSeeds.Random(99));
        foreach (var (name, ensemble, decoders, function) in new[]
                 {
                     ("stiffness", design.ErrorEnsemble, design.ErrorDecoders, (Func<double[], double[]>)design.StiffnessTorque),
                     ("damping", design.VelocityEnsemble, design.VelocityDecoders, design.DampingTorque),
                 })
        {
            var rmse = DecoderSolver.Rmse(ensemble, decoders, points, function);
            var range = points.Max(p => function(p).Max(Math.Abs));
            output.WriteLine($"{name}: RMSE {rmse:0.0000} N·m of a range of {range:0.000} N·m ({100 * rmse / range:0.00} %)");
            Assert.True(rmse < 0.02 * range, $"{name} decoders miss by {rmse} N·m (range {range} N·m)");
            // Cosine tuning: each neuron's rate depends on x only through e·x.
            var e = ensemble.Encoders[0];
            Assert.Equal(ensemble.Rates([0.3 * e[0] - 0.5 * e[1], 0.3 * e[1] + 0.5 * e[0]])[0], ensemble.Rates([0.3 * e[0], 0.3 * e[1]])[0], 9);
        }
    }

    [Fact]
    public void TheSpikingEnsembles_DecodeTheDesignedTorque_ForAHeldInput()
    {
        var settings = Defaults;
        using var controller = new SpikingReachController(Runtime.TaskContext("reach", 3), settings);
        controller.Reset(17);
        var design = controller.Design!;
        // Hand 6 cm left of and 3 cm below the target, joints moving at (1, −0.5) rad/s; held for 300 ms.
        var observation = new ReachObservation(0, 0, 0.06, 0.03, 0, 0, 1, -0.5);
        var sum = new double[2];
        var steps = (int)(300 / settings.Dt);
        var averaged = 0;
        for (var s = 0; s < steps; s++)
        {
            var torque = controller.Act(observation);
            if (s < steps / 3) continue;
            sum[0] += torque.Shoulder;
            sum[1] += torque.Elbow;
            averaged++;
        }
        var stiffness = design.StiffnessTorque([0.06 / settings.ErrorRange, 0.03 / settings.ErrorRange]);
        var damping = design.DampingTorque([1 / settings.VelocityRange, -0.5 / settings.VelocityRange]);
        double[] expected = [stiffness[0] + damping[0], stiffness[1] + damping[1]];
        double[] decoded = [sum[0] / averaged, sum[1] / averaged];
        output.WriteLine($"decoded ({decoded[0]:0.000}, {decoded[1]:0.000}) N·m, designed ({expected[0]:0.000}, {expected[1]:0.000}) N·m");
        var scale = Math.Max(Math.Abs(expected[0]), Math.Abs(expected[1]));
        Assert.True(scale > 1, $"the test input asks for too little torque ({scale} N·m)");
        for (var k = 0; k < 2; k++) Assert.InRange(decoded[k], expected[k] - 0.05 * scale, expected[k] + 0.05 * scale);
    }
}
