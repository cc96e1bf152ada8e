using Cortex.Cognition.Reinforcement;
using Cortex.Cognition.Reinforcement.Environments;
using Cortex.Cognition.Reinforcement.SurrogateGradient;
using Cortex.Cognition.Tests.Reinforcement;
using Cortex.Models;
using Cortex.Randomness;
using Cortex.Tasks;

namespace Cortex.Cognition.Tests;

/// <summary>
/// The surrogate-gradient PPO agent on CartPole-v1, in small configurations: it learns (beats a random policy on the
/// same start states), it is reproducible, its hidden layers spike, and bad <c>sg_</c> parameters are named.
/// </summary>
public sealed class SurrogateGradientAgentTests
{
    private const ulong Seed = 3;

    // Short rollouts so a short training makes many updates; everything else is the defaults.
    private static SurrogateGradientSettings Small => SurrogateGradientSettings.Default with { Rollout = 128, Minibatch = 64, Anneal = false };

    [Fact]
    public void AfterShortTraining_GreedyReturnClearlyBeatsRandomPolicy()
    {
        var environment = new CartPole();
        using var agent = new SurrogateGradientAgent(environment, Small with { Hidden = 32, TimeSteps = 4, Epochs = 5, BestWindow = 5 }, Seed, plannedEpisodes: 200);
        // About 8000 environment steps: a few seconds.
        ReinforcementEpisodes.Train(agent, environment, 200, Seed, (_, _) => agent.StepsDone < 8000);
        var learned = ReinforcementEpisodes.Evaluate(agent, environment, 10, Seed).Average();
        // The reference: uniformly random actions from the same evaluation start states (≈ 22 steps, Gym's figure).
        using var random = new RandomAgent(Seed);
        var chance = ReinforcementEpisodes.Evaluate(random, environment, 10, Seed).Average();
        Assert.InRange(chance, 10, 40);
        Assert.True(learned > 3 * chance, $"greedy mean return {learned} after {agent.EpisodesDone} episodes ({agent.StepsDone} steps), random policy {chance}");
    }

    [Fact]
    public void SameSeed_GivesIdenticalReturns_AnotherSeedDiffers()
    {
        static IReadOnlyList<double> Run(ulong seed)
        {
            var environment = new CartPole();
            using var agent = new SurrogateGradientAgent(environment, Small with { Rollout = 64, Minibatch = 32, Epochs = 2 }, seed, plannedEpisodes: 25);
            var returns = ReinforcementEpisodes.Train(agent, environment, 25, seed).ToList();
            Assert.True(agent.Updates >= 3, $"only {agent.Updates} updates: the comparison must cover learning");
            returns.AddRange(ReinforcementEpisodes.Evaluate(agent, environment, 3, seed));
            return returns;
        }

        var first = Run(Seed);
        Assert.Equal(first, Run(Seed));
        Assert.NotEqual(first, Run(Seed + 1));
    }

    [Fact]
    public void GreedyPlay_KeepsThePolicyAfterTheBestTrainingWindow()
    {
        var environment = new CartPole();
        using var agent = new SurrogateGradientAgent(environment, Small with { Rollout = 64, Minibatch = 32, Epochs = 2, BestWindow = 3 }, Seed, plannedEpisodes: 20);
        var returns = ReinforcementEpisodes.Train(agent, environment, 20, Seed);
        // The window means computed here: the kept episode ends the best window, the latest among equals.
        var best = Enumerable.Range(3, 18).Select(end => (End: end, Mean: returns.Skip(end - 3).Take(3).Average()))
            .OrderByDescending(w => w.Mean).ThenByDescending(w => w.End).First();
        Assert.Equal(best.End, agent.BestEpisode);
        Assert.Equal(best.Mean, agent.BestMeanReturn, 9);
    }

    [Fact]
    public void HiddenLayers_Spike_ButNotAtEveryStep()
    {
        var environment = new CartPole();
        var settings = Small;
        using var agent = new SurrogateGradientAgent(environment, settings, Seed, plannedEpisodes: 10);
        var observations = new List<double[]>();
        var observation = environment.Reset(Seed);
        for (var step = 0; step < 200; step++)
        {
            observations.Add(observation);
            var outcome = environment.Step(agent.Act(observation, explore: true));
            agent.Observe(outcome.Reward, outcome.Observation, outcome.Done && !outcome.Truncated);
            observation = outcome.Done ? environment.Reset(Seed + (ulong)step) : outcome.Observation;
        }
        var (first, second) = agent.HiddenSpikeCounts(observations);
        Assert.InRange(first, 0.05 * settings.TimeSteps, 0.95 * settings.TimeSteps);
        Assert.InRange(second, 0.05 * settings.TimeSteps, 0.95 * settings.TimeSteps);
    }

    [Theory]
    [InlineData("sg_hidden", 32.5, "sg_hidden: must be a whole number")]
    [InlineData("sg_lr", -0.1, "sg_lr: must be > 0")]
    [InlineData("sg_gamma", 1, "sg_gamma: must be below 1")]
    [InlineData("sg_batch", 512, "sg_batch: must not exceed sg_rollout")]
    public void BadParameter_IsNamed_ByTheFactory(string key, double value, string message)
    {
        var parameters = new ParameterValues(SurrogateGradientSettings.Parameters, new Dictionary<string, double> { [key] = value });
        var e = Assert.Throws<TaskParameterException>(() =>
            SurrogateGradientAgentFactory.Instance.Create(new CartPole(), Context(parameters), parameters, Seed));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(key, Assert.Single(e.Errors).Path);
    }

    [Theory]
    [InlineData("sg_steps", "0", "sg_steps: must be > 0")]
    [InlineData("sg_epochs", "2.5", "sg_epochs: must be a whole number")]
    [InlineData("sg_hiden", "16", "did you mean 'sg_hidden'")]
    public void BadParameter_IsNamed_WhenATaskResolvesIt(string key, string value, string message)
    {
        var e = Assert.Throws<TaskParameterException>(() => new AgentParametersTask().ResolveParameters(new Dictionary<string, string> { [key] = value }));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Factory_IsNamedSg_AndItsDefaultsAreValid()
    {
        var factory = SurrogateGradientAgentFactory.Instance;
        Assert.Equal("sg", factory.Name);
        Assert.All(factory.Parameters, p => Assert.StartsWith("sg_", p.Name, StringComparison.Ordinal));
        var parameters = new ParameterValues(factory.Parameters);
        Assert.Empty(SurrogateGradientAgentFactory.Instance.Check(parameters));
        using var agent = factory.Create(new CartPole(), Context(parameters), parameters, Seed);
        Assert.InRange(agent.Act(new CartPole().Reset(Seed), explore: false), 0, 1);
    }

    [Fact]
    public void ObserveWithoutExploringAct_IsRefused()
    {
        using var agent = new SurrogateGradientAgent(new CartPole(), Small, Seed, 1);
        var observation = new CartPole().Reset(Seed);
        agent.Act(observation, explore: false);
        Assert.Throws<InvalidOperationException>(() => agent.Observe(1, observation, terminal: false));
    }

    private static TaskContext Context(ParameterValues parameters) => new()
    {
        Seed = Seed, Parameters = parameters, Registry = Runtime.Registry, Backend = Runtime.Registry.GetBackend("cpu"), Episodes = 10,
    };

    /// <summary>A task that takes the agent's parameters as its own, as the reinforcement tasks do.</summary>
    private sealed class AgentParametersTask : TaskModel
    {
        public override string Name => "sg_parameters";
        public override string Description => "resolves the sg agent's parameters";
        public override IReadOnlyList<ParameterSpec> Parameters => SurrogateGradientAgentFactory.Instance.Parameters;
        public override IEnumerable<ParameterProblem> Check(ParameterValues values) => SurrogateGradientAgentFactory.Instance.Check(values);
        public override ITaskRun Create(TaskContext context) => throw new NotSupportedException();
    }

    /// <summary>Uniformly random actions: the chance baseline.</summary>
    private sealed class RandomAgent(ulong seed) : IReinforcementAgent
    {
        private SeededRandom _random = SeededRandom.Create(seed, (StreamDomain)0x72616e64);

        public int Act(double[] observation, bool explore) => _random.NextInt(2);
        public void Observe(double reward, double[] next, bool terminal) { }
        public void EndEpisode() { }
        public void Dispose() { }
    }
}
