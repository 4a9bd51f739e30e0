using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.GlueLinkAnalyzer>;

namespace Trace.Analyzers.Tests;

/// <summary>
/// An object of the framework's made where its local is declared (<c>using var ms = new MemoryStream()</c>,
/// <c>var rng = new Random(7)</c>) runs none of the user's code through its virtual members, which no class of the user's
/// overrides: glue between a traced call and its use is linked across them. Passed on, subscribed to or set again, such a
/// local could hold code of the user's, and is judged as any object is.
/// </summary>
public class FrameworkObjectTests
{
    private const string Agent = """
        using Opto;

        public partial class Agent
        {
            [Traced] public string Label(string d) => d;
            [Traced] public string Answer(string p) => p;
        }
        """;

    [Test]
    public Task Members_of_a_framework_object_made_here_do_not_cut_the_glue() => Verify.Analyze([Agent, """
        using System;
        using System.IO;

        public partial class Agent
        {
            public string Measured(string x)
            {
                using var ms = new MemoryStream();
                var s = Label(x);
                return Answer(s + ms.Length);
            }

            public string Sampled(string x)
            {
                var rng = new Random(7);
                var s = Label(x);
                return Answer(s + rng.Next(3));
            }
        }
        """], interceptorsEnabled: true);

    [Test]
    public Task OPTO017_a_framework_object_passed_on_or_of_a_class_of_yours_may_run_your_code() => Verify.Analyze([Agent, """
        using System;
        using System.IO;

        public class MyStream : MemoryStream
        {
            public override long Length => 1;
        }

        public partial class Agent
        {
            public static void Touch(Stream s) { }

            public string PassedOn(string x)
            {
                var ms = new MemoryStream();
                Touch(ms);
                var s = Label(x);
                return Answer({|#0:s + ms.Length|});
            }

            public string OfYours(string x)
            {
                var ms = new MyStream();
                var s = Label(x);
                return Answer({|#1:s + ms.Length|});
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Label", "Answer", "the method is neither async nor traced, and runs other code of yours that could call it again before the value is used (here: ms.Length); make it [Traced] or async"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Label", "Answer", "the method is neither async nor traced, and runs other code of yours that could call it again before the value is used (here: new MyStream()); make it [Traced] or async"));
}
