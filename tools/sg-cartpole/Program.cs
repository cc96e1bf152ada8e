using System.Diagnostics;
using System.Globalization;
using Cortex.Cognition.Reinforcement.Environments;
using Cortex.Cognition.Reinforcement.SurrogateGradient;
using Cortex.Models;

// Trains the sg agent on CartPole-v1 for each seed, then plays 100 greedy episodes:
//   dotnet run -c Release --project tools/sg-cartpole -- [episodes] [seeds, comma-separated] [stop] [key=value ...]
// episodes: the training episodes planned (the learning rate anneals over them); with "stop", training ends early once
// the mean of the last 20 training returns reaches 475 (CartPole-v1's reward threshold). Prints, per seed, the training
// episodes and environment steps used, the wall time and the mean and minimum of 100 greedy evaluation episodes.
var culture = CultureInfo.InvariantCulture;
var episodes = args.Length > 0 ? int.Parse(args[0], culture) : 400;
var seeds = args.Length > 1 ? args[1].Split(',').Select(s => ulong.Parse(s, culture)).ToArray() : [1UL, 2, 3, 4, 5];
var stop = args.Length > 2 && args[2] == "stop";
var overrides = args.Skip(stop ? 3 : 2).Select(a => a.Split('=')).ToDictionary(kv => kv[0], kv => double.Parse(kv[1], culture));
var settings = SurrogateGradientSettings.From(new ParameterValues(SurrogateGradientSettings.Parameters, overrides));
Console.WriteLine($"episodes {episodes}{(stop ? " (stop when the last 20 average >= 475)" : "")}, settings {settings}");
Console.WriteLine("seed  episodes  steps  kept_episode  kept_steps  kept_last20  train_s  eval_mean  eval_min  total_s");
var solved = 0;
foreach (var seed in seeds)
{
    var environment = new CartPole();
    var clock = Stopwatch.StartNew();
    using var agent = new SurrogateGradientAgent(environment, settings, seed, episodes);
    var window = new Queue<double>();
    ReinforcementEpisodes.Train(agent, environment, episodes, seed, (episode, total) =>
    {
        window.Enqueue(total);
        if (window.Count > 20) window.Dequeue();
        if (episode % 25 == 0) Console.Error.WriteLine($"  seed {seed} episode {episode} steps {agent.StepsDone} last20 {window.Average():F1} ({clock.Elapsed.TotalSeconds:F0} s)");
        return !(stop && window.Count == 20 && window.Average() >= 475);
    });
    var trainSeconds = clock.Elapsed.TotalSeconds;
    var evaluation = ReinforcementEpisodes.Evaluate(agent, environment, 100, seed);
    var mean = evaluation.Average();
    if (mean >= 475) solved++;
    Console.WriteLine($"{seed,4}  {agent.EpisodesDone,8}  {agent.StepsDone,6}  {agent.BestEpisode,12}  {agent.BestSteps,10}  {agent.BestMeanReturn,11:F1}  {trainSeconds,7:F1}  {mean,9:F1}  {evaluation.Min(),8:F0}  {clock.Elapsed.TotalSeconds,7:F1}");
}
Console.WriteLine($"{solved} of {seeds.Length} seeds reach a greedy mean >= 475 over 100 episodes");
