using Cortex.Cognition.Reinforcement;
using Cortex.Cognition.Reinforcement.ActorCritic;
using Cortex.Cognition.Reinforcement.Environments;
using Cortex.Tasks;

namespace Cortex.Cognition.Tests.Reinforcement;

/// <summary>The R-STDP actor–critic learns: the best of ten arms, a path through the grid world; and it is deterministic.</summary>
public sealed class RewardStdpActorCriticTests
{
    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    public void Bandit_TheGreedyPolicyAfterLearning_PullsTheBestArm(ulong seed)
    {
        // 4 × 200 pulls of 10 Bernoulli arms, then a greedy evaluation of 200 pulls with learning off. The evaluation is
        // what the agent has learned, without the exploration noise that training needs (which alone costs a few per
        // cent of the pulls), so it is the figure to hold to 90 %. The best arm is found by the environment, not by us.
        var (episodes, summary) = ReinforcementRunner.Run("multi_armed_bandit", seed, 4, 1, ("eval_episodes", "1"));
        Assert.True(summary.Metrics["eval_optimal_choices"] >= 0.9, $"optimal choices in evaluation: {summary.Metrics["eval_optimal_choices"]}");
        // Chance is 1 in 10, and the random policy's own figure says so.
        Assert.InRange(summary.Metrics["random_optimal_choices"], 0, 0.25);
        // It also learned while training: the last episode beats the first.
        Assert.True(episodes[^1].Metrics["optimal_choices"] > episodes[0].Metrics["optimal_choices"]);
        Assert.Equal(summary.Metrics["eval_return"], summary.Score);
    }

    [Fact]
    public void GridWorld_TheLearnedPolicy_BeatsTheRandomOne()
    {
        var (_, summary) = ReinforcementRunner.Run("grid_world", 1, 30, 1, ("eval_episodes", "3"), ("eval_policy", "stochastic"));
        Assert.True(summary.Score > summary.Metrics["random_return"] + 0.5, $"evaluation return {summary.Score}, random {summary.Metrics["random_return"]}");
        Assert.Equal(1, summary.Metrics["eval_goal_reached"]);
        // No policy does better than the shortest path (0.93 on 5 × 5).
        Assert.True(summary.Score <= new GridWorld().ShortestPathReturn + 1e-9);
    }

    [Fact]
    public void SameSeed_SameEpisodes_WhateverTheThreadCount()
    {
        var one = ReinforcementRunner.Run("grid_world", 3, 3, 1, ("eval_episodes", "1"));
        var two = ReinforcementRunner.Run("grid_world", 3, 3, 2, ("eval_episodes", "1"));
        Assert.Equal(one.Episodes.Select(e => (e.Return, e.Steps)), two.Episodes.Select(e => (e.Return, e.Steps)));
        Assert.Equal(one.Summary.Score, two.Summary.Score);
    }

    [Fact]
    public void APositiveTdError_RaisesTheValueOfTheStateAndThePreferenceForTheAction()
    {
        // Two arms that always pay 1, against a critic that expects 0 from the start: every TD error is positive, so the
        // critic's and the chosen actor's weights can only grow (and nothing else changes).
        var task = (ReinforcementTask)Runtime.Registry.Tasks["multi_armed_bandit"];
        var values = task.ResolveParameters(new Dictionary<string, string> { ["arms"] = "2" });
        var context = new TaskContext { Seed = 1, Parameters = values, Registry = Runtime.Registry, Backend = Runtime.Registry.GetBackend("cpu") };
        var environment = new MultiArmedBandit(2, 10, ArmRewards.Bernoulli, 1);
        using var agent = new RewardStdpActorCritic(environment, context, ActorCriticSettings.From(values), 5);
        var critic = agent.Session.GetWeights("input_critic").Sum();
        var actors = new[] { agent.Session.GetWeights("input_actor_0").Sum(), agent.Session.GetWeights("input_actor_1").Sum() };
        var action = agent.Act([1.0], explore: true);
        Assert.True(agent.LastValue < 1);
        agent.Observe(1, [1.0], terminal: true);
        Assert.True(agent.LastTdError > 0);
        Assert.True(agent.Session.GetWeights("input_critic").Sum() > critic);
        Assert.True(agent.Session.GetWeights($"input_actor_{action}").Sum() > actors[action]);
        Assert.True(agent.Session.GetWeights($"input_actor_{1 - action}").Sum() >= actors[1 - action]);
    }
}
