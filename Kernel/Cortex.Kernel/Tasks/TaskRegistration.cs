using Cortex.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace Cortex.Plugins;

/// <summary>The registration call for tasks, used from <see cref="ICortexPlugin.Configure"/> like <c>AddNeuronModel</c>.</summary>
public static class TaskRegistration
{
    /// <summary>Registers a task under its <see cref="TaskModel.Name"/>; <c>cortex task run NAME</c> runs it.</summary>
    public static IServiceCollection AddTask(this IServiceCollection services, TaskModel task) =>
        services.AddSingleton(task);
}
