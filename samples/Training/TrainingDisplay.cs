using Opto.Training;
using Spectre.Console;

namespace Training;

/// <summary>
/// Shows training as it goes: a live progress bar in a terminal, one line per step when the output is redirected (a
/// log, a test). Either way: epoch, step, batch score, validation score, tokens and the time left.
/// </summary>
public static class TrainingDisplay
{
    public static async Task<TrainingResult> RunAsync(Func<IProgress<TrainingProgress>, Task<TrainingResult>> train)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            AnsiConsole.Profile.Width = 400;
            return await train(new Reporter(value => AnsiConsole.MarkupLine(Line(value))));
        }

        return await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("starting: validating the parameters before training");
                return await train(new Reporter(value =>
                {
                    task.MaxValue = value.TotalSteps;
                    task.Value = value.Step;
                    task.Description = Line(value);
                }));
            });
    }

    private static string Line(TrainingProgress value)
    {
        var validation = value.ValidationScore is { } score ? $"{score:0.00}" : "-";
        return $"epoch {value.Epoch}  step {value.Step}/{value.TotalSteps}  batch [blue]{value.BatchScore:0.00}[/]  validation [green]{validation}[/]  " +
            $"tokens {value.Usage.Total.TotalTokenCount ?? 0:N0}  left ~{value.Remaining.TotalSeconds:0}s";
    }

    // Reports on the trainer's thread, before the next step starts (Progress<T> would post to the thread pool).
    private sealed class Reporter(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
