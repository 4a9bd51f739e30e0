using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Opto.Interception;

namespace Opto.Code.Isolation;

/// <summary>
/// The loop of a worker process: reads one trial per line from standard input, installs its candidate code through the
/// same compiler and policy as in-process swaps, runs the trial and writes one reply per line. Standard output belongs
/// to the protocol, so the console writes of the code under trial go to standard error.
/// </summary>
internal static class CodeWorker
{
    // Called by the worker's entry assembly (see WorkerEntry) through reflection.
    private static int Run(string[] args)
    {
        _ = args;
        var replies = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        Console.SetOut(Console.Error);
        var installed = new HashSet<CodeParameter>();
        Write(replies, new WorkerReply(0, IsolatedOutcome.Completed, null, "ready"));
        while (Console.In.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var request = JsonSerializer.Deserialize<WorkerRequest>(line, WorkerJson.Messages)
                ?? throw new InvalidDataException("The worker received an empty request.");
            var reply = Handle(request, installed);
            Write(replies, reply);
            // Memory exhaustion can leave the runtime in any state; the host starts a fresh worker.
            if (reply.Outcome == IsolatedOutcome.OutOfMemory) return 3;
        }

        return 0;
    }

    private static void Write(StreamWriter replies, WorkerReply reply) =>
        replies.WriteLine(JsonSerializer.Serialize(reply, WorkerJson.Messages));

    private static WorkerReply Handle(WorkerRequest request, HashSet<CodeParameter> installed)
    {
        try
        {
            var wanted = request.Candidates.Select(c => (Candidate: c, Parameter: Find(c))).ToList();
            // Code installed for an earlier trial and not part of this one goes back to the original.
            foreach (var stale in installed.Except(wanted.Select(w => w.Parameter)).ToList())
            {
                stale.Reset();
                installed.Remove(stale);
            }

            foreach (var (candidate, parameter) in wanted)
            {
                // The same candidate under the same settings as the last trial is in place already.
                if (!Configure(parameter, candidate) && installed.Contains(parameter) && Equals(parameter.Value, candidate.Code)) continue;
                try
                {
                    parameter.SetValue(candidate.Code);
                }
                catch (CodeRejectedException rejected)
                {
                    return new WorkerReply(request.Id, IsolatedOutcome.Rejected, null, rejected.Message);
                }

                installed.Add(parameter);
            }

            using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(request.TimeLimitMs));
            var output = RunTrial(request.Trial, request.Input, cancellation.Token);
            return new WorkerReply(request.Id, IsolatedOutcome.Completed, output, null);
        }
        catch (Exception e)
        {
            var inner = Unwrap(e);
            var outcome = inner switch
            {
                CodeBudgetExceededException => IsolatedOutcome.BudgetExceeded,
                OutOfMemoryException => IsolatedOutcome.OutOfMemory,
                _ => IsolatedOutcome.Failed,
            };
            var where = PatchLocations.Describe(inner);
            return new WorkerReply(request.Id, outcome, null, $"{inner.GetType().Name}: {inner.Message}" + (where is null ? "" : $" ({where})"));
        }
    }

    private static CodeParameter Find(WorkerCandidate candidate)
    {
        var type = Type.GetType(candidate.DeclaringType, throwOnError: true)!;
        RuntimeHelpers.RunModuleConstructor(type.Module.ModuleHandle);
        return TrainableRegistry.StaticParametersOf(type).OfType<CodeParameter>().FirstOrDefault(p => p.Name == candidate.Parameter)
            ?? throw new InvalidOperationException($"{type.FullName} has no trainable method {candidate.Parameter} in the worker; is the worker running the same build as the host?");
    }

    // Gives the worker's parameter the host's settings; returns whether any changed (which voids compiled code).
    private static bool Configure(CodeParameter parameter, WorkerCandidate candidate)
    {
        var changed = false;
        var policy = new CodePolicy(candidate.Allowed) { AllowedNamespaces = candidate.AllowedNamespaces };
        if (parameter.Policy.Allowed != policy.Allowed || !parameter.Policy.AllowedNamespaces.SequenceEqual(policy.AllowedNamespaces))
        {
            parameter.Policy = policy;
            changed = true;
        }

        var budget = candidate.TimeBudgetMs is { } ms ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null;
        if (parameter.TimeBudget != budget)
        {
            parameter.TimeBudget = budget;
            changed = true;
        }

        if (parameter.MaxRecursionDepth != candidate.MaxRecursionDepth)
        {
            parameter.MaxRecursionDepth = candidate.MaxRecursionDepth;
            changed = true;
        }

        parameter.CompileTimeLimit = TimeSpan.FromMilliseconds(candidate.CompileTimeLimitMs);
        return changed;
    }

    private static string RunTrial(string trialType, string input, CancellationToken cancellationToken)
    {
        var type = Type.GetType(trialType, throwOnError: true)!;
        var contract = type.GetInterfaces().SingleOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICodeTrial<,>))
            ?? throw new InvalidOperationException($"{type.FullName} does not implement ICodeTrial<TInput, TOutput>.");
        var arguments = contract.GetGenericArguments();
        var run = typeof(CodeWorker).GetMethod(nameof(RunTyped), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(arguments);
        try
        {
            return (string)run.Invoke(null, [Activator.CreateInstance(type)!, input, cancellationToken])!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    private static string RunTyped<TInput, TOutput>(ICodeTrial<TInput, TOutput> trial, string input, CancellationToken cancellationToken)
    {
        var value = JsonSerializer.Deserialize<TInput>(input, WorkerJson.Values)!;
        var output = trial.RunAsync(value, cancellationToken).GetAwaiter().GetResult();
        return JsonSerializer.Serialize(output, WorkerJson.Values);
    }

    private static Exception Unwrap(Exception e) => e switch
    {
        TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        AggregateException { InnerExceptions.Count: 1 } aggregate => Unwrap(aggregate.InnerExceptions[0]),
        _ => e,
    };
}
