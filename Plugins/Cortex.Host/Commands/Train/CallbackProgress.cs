namespace Cortex.Host.Commands.Train;

/// <summary>Progress callback run on the reporting thread (Progress&lt;T&gt; would post to a sync context).</summary>
internal sealed class CallbackProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
