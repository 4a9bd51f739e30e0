using System.Globalization;
using Opto.Optimizers;

namespace Trace.Runtime.Tests.Optimizers;

/// <summary>What the model reads does not depend on the culture of the machine the optimizer runs on.</summary>
public class CultureTests
{
    [Test]
    [SetCulture("de-DE")]
    public void Truncation_markers_are_written_in_the_invariant_culture()
    {
        var text = ValueJson.Truncate(new string('x', 12_000), 100);

        Assert.That(CultureInfo.CurrentCulture.Name, Is.EqualTo("de-DE"));
        Assert.That(text, Does.EndWith("[truncated: 11,900 of 12,000 characters not shown]"));
    }
}
