using System.Text.Json;
using Cortex.Input;
using Cortex.Learning.Plasticity;
using Cortex.Learning.Registry;

namespace Cortex.Learning.PatternCompletion;

/// <summary>
/// A pattern-completion run: the <c>task</c> (<see cref="PatternCompletionTask"/>), the plastic <c>model</c>
/// (η, rule, init scale of a <see cref="PlasticRecurrentLayer"/> with one neuron per bit) and <c>train</c>
/// (Adam on batches of episodes, the seed, the held-out evaluation and whether to train the non-plastic
/// control too). As for training configs, every error names its JSON path and unknown keys are errors.
/// </summary>
public sealed record PatternCompletionConfig
{
    /// <summary>The run's name (the config file's name without extension).</summary>
    public required string Name { get; init; }

    /// <summary>The episodes.</summary>
    public PatternCompletionTask Task { get; init; } = new();

    /// <summary>The plasticity settings of the network (its size is the pattern size; the input is direct).</summary>
    public PlasticRecurrentOptions Model { get; init; } = new();

    /// <summary>Training episodes in all.</summary>
    public int Episodes { get; init; } = 400;

    /// <summary>Episodes per Adam step (the paper uses 1).</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Adam's learning rate.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>Seeds the initial weights and the episodes.</summary>
    public int Seed { get; init; }

    /// <summary>Torch intra-op threads; null for every core.</summary>
    public int? Threads { get; init; }

    /// <summary>Held-out episodes the final score is measured on.</summary>
    public int EvaluationEpisodes { get; init; } = 200;

    /// <summary>Also train the non-plastic control (α ≡ 0) on the same episodes.</summary>
    public bool Control { get; init; } = true;

    /// <summary>The config document as JSON (recorded in reports).</summary>
    public string Json { get; init; } = "{}";

    /// <summary>True when <paramref name="json"/> is an object with a <c>task</c> section, i.e. a pattern-completion config rather than a classifier's.</summary>
    public static bool Describes(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("task", out _);
        }
        catch (JsonException)
        {
            return false;   // the classifier config parser reports malformed JSON with its position
        }
    }

    /// <summary>Reads and parses a config file; errors are prefixed with its path.</summary>
    public static PatternCompletionConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!InputFile.Exists(path, "pattern-completion config", InputFile.TextCap)) throw new FileNotFoundException($"{path}: pattern-completion config not found", path);
        try
        {
            return Parse(File.ReadAllText(path), Path.GetFileNameWithoutExtension(path));
        }
        catch (LearningConfigException e)
        {
            throw new LearningConfigException($"{path}: {e.Message}");
        }
    }

    /// <summary>Parses a config document: <c>description</c>, <c>task</c>, <c>model</c>, <c>train</c>.</summary>
    public static PatternCompletionConfig Parse(string json, string name)
    {
        var root = ConfigNode.Parse(json, "$");
        root.Text("description", "");
        var task = PatternCompletionTask.Read(root.Child("task") ?? throw root.Error("task", "is required"));
        var modelNode = root.Child("model");
        var model = modelNode is null ? new PlasticRecurrentOptions() : PlasticLayerFactories.Options(modelNode);
        modelNode?.RejectUnknownKeys();
        var train = root.Child("train") ?? throw root.Error("train", "is required");
        var config = new PatternCompletionConfig
        {
            Name = name,
            Task = task,
            Model = model,
            Episodes = train.WholeNumber("episodes", 1, 10_000_000),
            BatchSize = train.WholeNumber("batch_size", fallback: 8, min: 1, max: 4096),
            LearningRate = train.Number("lr", 0.01, 0, 10, exclusiveMin: true),
            Seed = train.WholeNumber("seed", fallback: 0, min: 0),
            Threads = train.Has("threads") ? train.WholeNumber("threads", 1, 1024) : null,
            EvaluationEpisodes = train.WholeNumber("evaluation_episodes", fallback: 200, min: 1, max: 1_000_000),
            Control = train.Flag("control", true),
            Json = root.Element.GetRawText(),
        };
        train.RejectUnknownKeys();
        root.RejectUnknownKeys();
        return config;
    }

    /// <summary>Throws naming the setting when a value is out of range (for configs built in code).</summary>
    public void Validate()
    {
        Task.Validate();
        Model.Validate();
        if (Episodes < 1) throw new ArgumentOutOfRangeException(nameof(Episodes), Episodes, "episodes must be >= 1");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "batch size must be >= 1");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "learning rate must be a finite number > 0");
        if (Seed < 0) throw new ArgumentOutOfRangeException(nameof(Seed), Seed, "seed must be >= 0");
        if (Threads is < 1) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "threads must be >= 1");
        if (EvaluationEpisodes < 1) throw new ArgumentOutOfRangeException(nameof(EvaluationEpisodes), EvaluationEpisodes, "evaluation episodes must be >= 1");
    }
}
