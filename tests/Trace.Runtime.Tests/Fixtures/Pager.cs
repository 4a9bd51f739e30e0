using Opto;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>Numbers glue code steps with <c>++</c> and <c>--</c> before a traced call.</summary>
public class Pager
{
    [Trainable("How many results a page shows.")]
    public int PageSize { get; set; } = 10;

    [Traced] public int Count(string question) => question.Length;

    [Traced] public string Show(int results) => $"showing {results}";

    /// <summary>A trainable number stepped once.</summary>
    public string NextPage() { var size = PageSize; size++; return Show(size); }

    /// <summary>Stepped down, once always and once on one path.</summary>
    public async Task<string> Fewer(string question)
    {
        await Task.Yield();
        var size = PageSize;
        --size;
        if (question.Length > 3) size--;
        return Show(size);
    }

    /// <summary>A traced call's result stepped.</summary>
    public string Counted(string question) { var count = Count(question); count++; return Show(count); }

#pragma warning disable OPTO016 // Stepped inside the argument: the glue code does not follow it, and the tests check it says so.

    /// <summary>Stepped inside the argument.</summary>
    public string SteppedInline() { var size = PageSize; return Show(++size); }

#pragma warning restore OPTO016
}
