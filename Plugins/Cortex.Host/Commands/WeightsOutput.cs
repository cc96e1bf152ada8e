using Cortex.Recording;
using Cortex.Simulation;

namespace Cortex.Host.Commands;

/// <summary>
/// <c>cortex run --save-weights FILE</c>: the final weights of the plastic projections, written after the last step in
/// the one-process synapse order. On MPI ranks every rank takes part in gathering each projection and rank 0 writes.
/// </summary>
internal static class WeightsOutput
{
    /// <summary>
    /// Refuses a <c>--save-weights</c> path that cannot be written, before the run: found only after the last step, it would
    /// end a finished run with an error and no summary. A missing folder is created, as the writer would.
    /// </summary>
    public static void CheckWritable(RunRequest request) => OutputFile.CheckWritable(request.SaveWeights, "--save-weights");

    /// <summary>What the runner calls after the last step, or null when no weights are asked for.</summary>
    public static Action<ClosedLoopSession>? After(RunRequest request, CliConsole console, bool writes = true)
    {
        if (request.SaveWeights is not { } path) return null;
        return session =>
        {
            var plastic = session.Network.Projections.Select((p, i) => (p, i)).Where(x => x.p.Plasticity is not null).ToList();
            // Gathered on every rank (a collective), written by one.
            var tables = plastic.Select(x => (x.p.Name, session.WholeTable(x.i))).ToList();
            if (!writes) return;
            ParquetWeightsFile.Write(path, tables, session.Network.Dt);
            var synapses = tables.Sum(t => (long)t.Item2.Count);
            console.Out.WriteLine(plastic.Count == 0
                ? $"wrote {path}: the network has no plastic projection, so it holds no rows"
                : $"wrote {path}: final weights of {synapses:N0} synapses in {plastic.Count} plastic projection{(plastic.Count == 1 ? "" : "s")} ({string.Join(", ", plastic.Select(x => x.p.Name))})");
        };
    }
}
