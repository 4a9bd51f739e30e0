namespace Training;

/// <summary>The sample's command line: <c>--optimizer NAME</c>, <c>--run DIRECTORY</c>, <c>--runs ROOT</c>, in any order.</summary>
internal sealed record SampleArguments(string Optimizer, string? Run, string? Runs)
{
    public static readonly string[] Optimizers = ["optoprime", "optoprime-multi", "opro", "textgrad"];

    public static SampleArguments Parse(string[] args)
    {
        var parsed = new SampleArguments("optoprime", null, null);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw Usage($"{args[i]} needs a value.");
            parsed = args[i] switch
            {
                "--optimizer" when Optimizers.Contains(value) => parsed with { Optimizer = value },
                "--optimizer" => throw Usage($"There is no optimizer named '{value}'."),
                "--run" => parsed with { Run = value },
                "--runs" => parsed with { Runs = value },
                _ => throw Usage($"Unknown option '{args[i]}'."),
            };
            i++;
        }

        return parsed;
    }

    private static ArgumentException Usage(string problem) =>
        new($"{problem} Usage: dotnet run --project samples/Training -- [--optimizer {string.Join("|", Optimizers)}] [--run <directory> | --runs <root>]");
}
