using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.GlueLinkAnalyzer>;

namespace Trace.Analyzers.Tests;

// A trainable value glued into a traced call's argument from a method that is not traced: linked only where the runtime
// finds its object again (statics, `this`) and the compiler's flow carries it; one held by another object, or read in a
// helper or a computed property, never is.
public class TrainableGlueReadTests
{
    [Test]
    public Task OPTO016_a_trainable_value_of_another_object_or_read_in_another_method_is_reported_where_it_reaches_the_call() => Verify.Analyze("""
        using Opto;

        public sealed class Config { [Trainable] public string Prompt { get; set; } = "c"; }

        public class Agent
        {
            [Trainable] public string Prompt { get; set; } = "p";
            private readonly Config _config = new();
            private string Full => Prompt + "!";
            [Traced] public string Answer(string r) => r;
            private string Build(string x) => Prompt + x;
            public virtual void Hook() { }

            public string Other(string x) => Answer({|#0:_config.Prompt|} + x);
            public string OtherAsItIs(string x) => Answer({|#1:_config.Prompt|});
            public string OtherThroughALocal(string x) { var c = _config; return Answer({|#2:c.Prompt|} + x); }
            public string Helper(string x) => Answer({|#3:Build(x)|});
            public string Getter(string x) => Answer({|#4:Full + x|});
            public string LocalThenCode(string x) { var p = {|#5:Prompt|}; Hook(); return Answer(p + x); }
            public string LocalOnSomePaths(string x) { var p = x.Length > 9 ? "" : {|#6:Prompt|}; return Answer(p + x); }
            public string LocalFunction(string x) { string P() => Prompt; return Answer({|#7:P() + x|}); }
            public string Lambda(string x) { System.Func<string> p = () => Prompt; return Answer({|#8:p() + x|}); }
            private string? _cache;
            public string Kept(string x) { _cache = Prompt; return Answer({|#9:_cache + x|}); }
            private string Relay(string s) => Answer(s);
            private string Framed(string s) => Answer("[" + s + "]");
            public string Given(string x) => Relay({|#10:Prompt|}) + Framed({|#11:_config.Prompt|});
            [Traced] public string GivenInATracedMethod(string x) => Relay(Prompt);

            // Linked: this object's value, in the argument or through a local the compiler follows; and a traced method's own
            // reads, which are its dependencies.
            public string Own(string x) => Answer(Prompt + x);
            public string OwnThroughALocal(string x) { var p = Prompt; return Answer(p + x); }
            [Traced] public string Traced(string x) => Answer(_config.Prompt + Build(x));
        }
        """,
        Verify.Diagnostic("OPTO016").WithLocation(0).WithArguments("Answer", "Prompt", "glue code passed to it", OtherObject("_config")),
        Verify.Diagnostic("OPTO016").WithLocation(1).WithArguments("Answer", "Prompt", "glue code passed to it", OtherObject("_config")),
        Verify.Diagnostic("OPTO016").WithLocation(2).WithArguments("Answer", "Prompt", "glue code passed to it", OtherObject("c")),
        Verify.Diagnostic("OPTO016").WithLocation(3).WithArguments("Answer", "Prompt", "glue code passed to it",
            "it is read in 'Build', which is not traced; make 'Build' [Traced], or read the value in the argument itself"),
        Verify.Diagnostic("OPTO016").WithLocation(4).WithArguments("Answer", "Prompt", "glue code passed to it",
            "it is read in the property 'Full', whose getter is not traced; make it a [Traced] method, or read the value in the argument itself"),
        Verify.Diagnostic("OPTO016").WithLocation(5).WithArguments("Answer", "Prompt", "glue code passed to it",
            "the method is neither async nor traced, and runs other code of yours that could call it again before the value is used (here: Hook()); make it [Traced] or async"),
        Verify.Diagnostic("OPTO016").WithLocation(6).WithArguments("Answer", "Prompt", "glue code passed to it", "it is read on only some paths (a branch of ?:, ??, &&, ||, ?.)"),
        Verify.Diagnostic("OPTO016").WithLocation(7).WithArguments("Answer", "Prompt", "glue code passed to it", InAFunction),
        Verify.Diagnostic("OPTO016").WithLocation(8).WithArguments("Answer", "Prompt", "glue code passed to it", InAFunction),
        Verify.Diagnostic("OPTO016").WithLocation(9).WithArguments("Answer", "Prompt", "glue code passed to it",
            "it is kept in '_cache', which the glue code does not follow; pass it through a local, or read the value in the argument itself"),
        Verify.Diagnostic("OPTO016").WithLocation(10).WithArguments("Answer", "Prompt", "glue code passed to it",
            "it is passed to 'Relay', which is not traced and passes it on to 'Answer'; make 'Relay' [Traced]"),
        Verify.Diagnostic("OPTO016").WithLocation(11).WithArguments("Answer", "Prompt", "glue code passed to it",
            "it is passed to 'Framed', which is not traced and passes it on to 'Answer'; make 'Framed' [Traced]"));

    private const string InAFunction = "it is read in a lambda or a local function, whose value the glue code does not follow; read the value in the argument itself";

    private static string OtherObject(string holder) =>
        $"it belongs to '{holder}', another object than the call's own, which glue code cannot find again from a method that is not traced; make the method [Traced]";
}
