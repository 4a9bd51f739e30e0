using System.Collections.Immutable;
using Opto;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests;

/// <summary>
/// The runtime reads the elements of collections it knows to hold them, to link them; where reading them would throw or
/// run the program's code, a call inside a scope does what it does outside one, and its elements are simply not linked.
/// </summary>
public class UnreadableElementTests
{
    [Test]
    public void A_default_immutable_array_argument_is_passed_as_it_is()
    {
        var calls = new Unreadables();
        using var scope = TraceScope.Begin();

        Assert.That(calls.CountOrZero(default), Is.Zero);
        var shouted = calls.Shouted(default(ImmutableArray<string>));

        Assert.Throws<InvalidOperationException>(() => shouted.ToList(), "enumerated by the caller, as without a scope");
        Assert.That(scope.Graph.Nodes.Count(n => n.Name.StartsWith("countOrZero", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public void A_default_immutable_array_or_array_segment_result_is_returned_as_it_is()
    {
        var calls = new Unreadables();
        using var scope = TraceScope.Begin();

        Assert.That(calls.NoneYet().IsDefault, Is.True);
        Assert.That(calls.SegmentOf(null), Is.EqualTo(default(ArraySegment<string>)));
        var items = new[] { new string('a', 2) };
        Assert.That(calls.SegmentOf(items), Is.EqualTo(items));
    }

    [Test]
    public void A_tuple_of_the_program_s_own_is_not_read()
    {
        var calls = new Unreadables();
        using var scope = TraceScope.Begin();

        var pair = calls.MakePair();

        Assert.That(pair.Reads, Is.Zero);
    }

    [Test]
    public async Task A_list_another_thread_is_changing_is_passed_and_returned_as_it_is()
    {
        var calls = new Unreadables();
        var shared = new List<string>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                shared.Add(new string('x', 1));
                if (shared.Count > 100) shared.Clear();
            }
        });

        try
        {
            // Reading the list's elements while another thread changes it fails most times; the call itself never reads them.
            for (var i = 0; i < 2_000; i++)
            {
                using var scope = TraceScope.Begin();
                Assert.That(calls.Same(shared), Is.SameAs(shared));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await writer;
        }
    }
}
