using Opto;
using Trace.Runtime.Tests.Fixtures;
using static Trace.Runtime.Tests.GraphWalk;

namespace Trace.Runtime.Tests;

/// <summary>A traced body depends on the trainable members whose values it reads, not on those it only names or sets.</summary>
public class NamedMemberTests
{
    [Test]
    public void Members_named_or_only_set_are_no_dependencies_and_one_read_after_it_is_set_is()
    {
        var scribe = new Scribe();
        using var scope = TraceScope.Begin();

        var label = scribe.Label(new string('q', 2));
        var noted = scribe.Note(new string('q', 2));
        var reread = scribe.Reread(new string('r', 2));

        Assert.That((label, noted, reread), Is.EqualTo(("Prompt:Styleqq", "noted qq", "rr!")));
        Assert.That(ReachedFrom(scope, label), Is.Empty);
        Assert.That(ReachedFrom(scope, noted), Is.Empty);
        Assert.That(ReachedFrom(scope, reread), Is.EqualTo(new[] { "ScribeNotes.Prompt" }));
    }
}
