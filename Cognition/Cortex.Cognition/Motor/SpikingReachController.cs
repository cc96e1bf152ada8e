using Cortex.Simulation;
using Cortex.Spec;
using Cortex.Tasks;
using Cortex.Units;

namespace Cortex.Cognition.Motor;

/// <summary>
/// The spiking reach controller: the two ensembles of <see cref="ReachControllerDesign"/> run as LIF populations
/// ("error" and "velocity") on the kernel through a <see cref="ClosedLoopSession"/>. Each step the sensed hand error
/// and joint velocities are turned into each neuron's input current (encoder · x · gain + bias) and injected; the
/// spikes the step produced are read back, low-pass filtered with an exponential synapse (τ_syn, unit area, so a
/// filtered train equals the neuron's rate), and multiplied by the decoders to give the joint torques.
/// </summary>
public sealed class SpikingReachController(TaskContext context, ReachSettings settings) : IAgent<ReachObservation, ArmTorque>
{
    /// <summary>The population representing the hand error.</summary>
    public const string ErrorPopulation = "error";

    /// <summary>The population representing the joint velocities.</summary>
    public const string VelocityPopulation = "velocity";

    private ClosedLoopSession? _session;
    private double[] _errorActivity = [];
    private double[] _velocityActivity = [];
    private double _decay;

    /// <summary>The design of the current episode (null before <see cref="Reset"/>).</summary>
    public ReachControllerDesign? Design { get; private set; }

    /// <summary>The network: two populations of the kernel's default <c>lif</c>, driven only by injected current.</summary>
    public static NetworkSpec BuildSpec(ReachSettings s, ulong seed) => new NetworkBuilder("reach-controller")
        .Dt(Q.Ms(s.Dt)).Duration(Q.Ms(s.Targets * s.ReachMs + s.Dt)).Seed(seed)
        // Random initial potentials, so neurons with the same drive do not fire in lockstep at the start.
        .Population(ErrorPopulation, s.Neurons, "lif", p => p.Init("v", new UniformValue(Q.MV(-65), Q.MV(-50))))
        .Population(VelocityPopulation, s.Neurons, "lif", p => p.Init("v", new UniformValue(Q.MV(-65), Q.MV(-50))))
        .Build();

    /// <inheritdoc />
    public void Reset(ulong seed)
    {
        _session?.Dispose();
        _session = null;
        Design = new ReachControllerDesign(settings, seed);
        _errorActivity = new double[settings.Neurons];
        _velocityActivity = new double[settings.Neurons];
        _decay = Math.Exp(-settings.Dt / settings.TauSyn);
        _session = context.Open(context.Compile(BuildSpec(settings, TaskSeeds.Derive(seed, 0, 1)), "reach controller"));
    }

    /// <inheritdoc />
    public ArmTorque Act(ReachObservation observation)
    {
        var session = _session ?? throw new InvalidOperationException("call Reset before Act");
        var design = Design!;
        double[] error = [(observation.TargetX - observation.HandX) / settings.ErrorRange, (observation.TargetY - observation.HandY) / settings.ErrorRange];
        double[] velocity = [observation.ShoulderVelocity / settings.VelocityRange, observation.ElbowVelocity / settings.VelocityRange];
        design.ErrorEnsemble.Currents(error, session.InjectedCurrent(ErrorPopulation));
        design.VelocityEnsemble.Currents(velocity, session.InjectedCurrent(VelocityPopulation));
        session.Step();
        Filter(session.Spikes(ErrorPopulation), _errorActivity);
        Filter(session.Spikes(VelocityPopulation), _velocityActivity);
        var stiffness = DecoderSolver.Decode(design.ErrorDecoders, _errorActivity);
        var damping = DecoderSolver.Decode(design.VelocityDecoders, _velocityActivity);
        return new ArmTorque(stiffness[0] + damping[0], stiffness[1] + damping[1]);
    }

    // a ← a·e^(−dt/τ) + (1 − e^(−dt/τ))·s/dt: a unit-area exponential synapse, so a steady train of rate r gives a ≈ r (Hz).
    private void Filter(ReadOnlySpan<int> spikes, double[] activity)
    {
        for (var i = 0; i < activity.Length; i++) activity[i] *= _decay;
        var jump = (1 - _decay) * 1000 / settings.Dt;
        foreach (var neuron in spikes) activity[neuron] += jump;
    }

    /// <inheritdoc />
    public void Learn(double reward)
    {
        // Designed, not learned: the decoders are solved for in Reset.
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _session?.Dispose();
        _session = null;
    }
}
