using Opto;
using Opto.Interception;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>What tests of glue slots look at: this flow's slots, and nodes recorded in a given graph.</summary>
internal static class GlueSlotProbe
{
    /// <summary>This flow's glue slots, whichever shape holds them.</summary>
    public static IEnumerable<GlueSlots.Slot> Slots() => GlueSlots.Snapshot() switch
    {
        GlueSlots.Slot only => [only],
        GlueSlots.Slot[] several => several,
        _ => [],
    };

    /// <summary>A new call's node, recorded in <paramref name="graph"/> (whose scope must be current).</summary>
    public static Node NodeIn(TraceGraph graph)
    {
        var picker = new Picker();
        var result = picker.Longer(new string('x', 2), new string('y', 1));
        return graph.NodeOf(result) ?? throw new InvalidOperationException("The call was not recorded.");
    }
}
