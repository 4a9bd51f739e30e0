using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.NodeReadAnalyzer>;

namespace Trace.Analyzers.Tests;

public class NodeReadTests
{
    [Test]
    public Task OPTO015_reads_the_compiler_cannot_link() => Verify.Analyze("""
        using System.Collections.Generic;
        using Opto;

        public class Settings { public Parameter<string> Tone { get; } = new("warm", "Tone"); }

        public class Agent(Parameter<string> style)
        {
            private readonly Parameter<string> _hint = new("brief", "Hint");
            private readonly List<Parameter<string>> _rules = new();
            private readonly Settings _settings = new();
            public static Parameter<int> Limit { get; } = new(3, "Limit");

            private Parameter<string> Pick() => _hint;

            [Traced] public string Linked(Parameter<string> given) => _hint.Value + _rules[0].Value + Limit.Value + style.Value + given.Value + this._hint.Value;
            [Traced] public string FromOther() => {|#0:_settings.Tone|}.Value;
            [Traced] public string FromCall() => {|#1:Pick()|}.Value;
            [Traced] public string Handed() => Echo(Pick()) + Echo(_settings.Tone);
            [Traced] public static string Echo(Parameter<string> p) => p.Value;
            public string Untraced() => _settings.Tone.Value + Pick().Value;
        }
        """,
        Verify.Diagnostic("OPTO015").WithLocation(0).WithArguments("FromOther", "_settings.Tone", "it belongs to another object; pass it to the method as an argument"),
        Verify.Diagnostic("OPTO015").WithLocation(1).WithArguments("FromCall", "Pick()", "it is returned by a method call; pass it to the method as an argument"));
}
