using Opto.Training;

namespace Trace.Runs.Tests;

/// <summary>Reports on the trainer's thread, before the next step starts (<see cref="Progress{T}"/> would post to the thread pool).</summary>
internal sealed class Reporter(Action<TrainingProgress> report) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value) => report(value);
}
