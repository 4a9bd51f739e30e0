using System.Text.Json;
using System.Text.Json.Serialization;

namespace Opto.Code.Isolation;

/// <summary>One candidate for a code parameter, as sent to a worker: where the method is, its code and its parameter's settings.</summary>
internal sealed record WorkerCandidate(
    string DeclaringType,
    string Parameter,
    string Code,
    CodeCapabilities Allowed,
    string[] AllowedNamespaces,
    double? TimeBudgetMs,
    int MaxRecursionDepth,
    double CompileTimeLimitMs);

/// <summary>A trial for a worker: the candidates to install, the trial type and its input as JSON.</summary>
internal sealed record WorkerRequest(long Id, string Trial, WorkerCandidate[] Candidates, string Input, double TimeLimitMs);

/// <summary>A worker's answer: ready after start, or how a trial ended.</summary>
internal sealed record WorkerReply(long Id, IsolatedOutcome Outcome, string? Output, string? Message);

/// <summary>How requests and replies are written: one JSON object per line.</summary>
internal static class WorkerJson
{
    public static readonly JsonSerializerOptions Messages = new(JsonSerializerDefaults.General)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>How a trial's input and output are written.</summary>
    public static readonly JsonSerializerOptions Values = new(JsonSerializerDefaults.General) { IncludeFields = true };
}
