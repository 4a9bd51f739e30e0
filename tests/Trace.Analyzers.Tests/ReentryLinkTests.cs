using Verify = Trace.Analyzers.Tests.Verifier<Opto.Analyzers.GlueLinkAnalyzer>;

namespace Trace.Analyzers.Tests;

/// <summary>
/// A traced method entered again where no interceptor runs shares its running call, and with it the slots its glue is
/// found through, with the inner call: glue read after code that could do that is reported, not linked to the inner call.
/// </summary>
public class ReentryLinkTests
{
    private const string Agent = """
        using System;
        using System.Linq;
        using Opto;

        public interface IAgent
        {
            string Run(string t, int n);
        }

        public partial class Agent
        {
            [Traced] public string Summarize(string t) => t;
            [Traced] public string Classify(string p) => p;
        }
        """;

    private static string Reason(string how, string here) =>
        $"the method is traced, but {how}: such a call runs inside the running call of whoever makes it, and the method runs other code of yours that could make one before the value is used (here: {here}); call it by its name there (in a lambda, for a delegate), so every call of it is intercepted";

    [Test]
    public Task OPTO017_glue_after_code_that_may_enter_the_method_through_a_delegate_made_of_it() => Verify.Analyze([Agent, """
        using System;
        using System.Linq;
        using Opto;

        public partial class Agent
        {
            private readonly Func<string, int, string> _self;

            public Agent() => _self = Again;

            [Traced]
            public string Again(string t, int n)
            {
                var s = Summarize(t);
                if (n > 0) _self(t, n - 1);
                if ({|#1:s == "x"|}) return Classify(t);
                return Classify({|#0:s + "!"|});
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify", Reason("a delegate is made of it, whose calls no interceptor sees (at Test1.cs line 9: _self = Again)", "_self(t, n - 1)")),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Summarize", "Classify", "a condition that decides whether the call runs reads it, and " + Reason("a delegate is made of it, whose calls no interceptor sees (at Test1.cs line 9: _self = Again)", "_self(t, n - 1)")));

    [Test]
    public Task OPTO017_glue_after_code_that_may_enter_the_method_through_an_interface_it_implements() => Verify.Analyze([Agent, """
        using System;
        using System.Linq;
        using Opto;

        public partial class Agent : IAgent
        {
            [Traced]
            public string Run(string t, int n)
            {
                var s = Summarize(t);
                IAgent self = this;
                if (n > 0) self.Run(t, n - 1);
                return Classify({|#0:s + "!"|});
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify", Reason("it may be called through an interface or a base member, where no interceptor runs (at Test1.cs line 12: self.Run(t, n - 1))", "self.Run(t, n - 1)")));

    [Test]
    public Task OPTO017_glue_after_code_that_may_enter_the_method_through_an_interface_a_derived_type_implements_with_it() => Verify.Analyze([Agent, """
        using Opto;

        public partial class Agent
        {
            [Traced]
            public string Run(string t, int n)
            {
                var s = Summarize(t);
                if (n > 0) Next(t, n - 1);
                return Classify({|#0:s + "!"|});
            }

            protected virtual void Next(string t, int n) { }
        }

        public class Repeating : Agent, IAgent
        {
            protected override void Next(string t, int n) => ((IAgent)this).Run(t, n);
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify", Reason("it may be called through an interface or a base member, where no interceptor runs (at Test1.cs line 18: ((IAgent)this).Run(t, n))", "Next(t, n - 1)")));

    [Test]
    public Task OPTO017_glue_after_code_that_may_enter_the_method_through_a_base_call() => Verify.Analyze([Agent, """
        using Opto;

        public class Base
        {
            [Traced] public string Echo(string t) => t;

            [Traced]
            public virtual string Again(string t, int n)
            {
                var s = Echo(t);
                if (n > 0) Next(t, n - 1);
                return Echo({|#0:s + "!"|});
            }

            protected virtual void Next(string t, int n) { }
        }

        public class Derived : Base
        {
            protected override void Next(string t, int n) => base.Again(t, n);
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Echo", "Echo", Reason("a call of it is not intercepted (at Test1.cs line 20: base.Again(t, n))", "Next(t, n - 1)")));

    [Test]
    public Task OPTO017_glue_in_a_traced_method_no_call_of_which_is_intercepted_or_that_a_pattern_may_call() => Verify.Analyze([Agent, """
        using System;
        using System.Collections;
        using System.Collections.Generic;
        using Opto;

        public partial class Agent
        {
            private readonly Func<string, string> _tool = t => t;

            // OPTO002: a value set through an out parameter cannot be linked, so no call of it is intercepted.
            [Traced]
            public string Parse(string t, out int count)
            {
                var s = Summarize(t);
                count = _tool(t).Length;
                return Classify({|#0:s + "!"|});
            }
        }

        public class Pages : IEnumerable<string>
        {
            private readonly Func<string, string> _tool = t => t;

            [Traced] public string Load(string t) => t;

            // foreach over Pages calls it by its name, where no interceptor runs.
            [Traced]
            public IEnumerator<string> GetEnumerator()
            {
                var s = Load("p");
                _tool(s);
                return new List<string> { Load({|#1:s + "!"|}) }.GetEnumerator();
            }

            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify", "the method is traced, but no call of it is intercepted (OPTO001 or OPTO002 says why): such a call runs inside the running call of whoever makes it, and the method runs other code of yours that could make one before the value is used (here: _tool(t)); change what that diagnostic names, so its calls are intercepted"),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Load", "Load", "the method is traced, but the compiler may call it by its name 'GetEnumerator' for a pattern (foreach, using, await, a query or an initializer), where no interceptor runs: such a call runs inside the running call of whoever makes it, and the method runs other code of yours that could make one before the value is used (here: _tool(s)); give it a name no pattern calls, and call it by that name"));

    [Test]
    public Task OPTO017_glue_after_code_that_may_enter_the_method_through_dynamic() => Verify.Analyze([Agent, """
        using System;
        using System.Linq;
        using Opto;

        public partial class Agent
        {
            [Traced]
            public string Again(string t, int n)
            {
                var s = Summarize(t);
                if (n > 0) ((dynamic)this).Again(t, n - 1);
                return Classify({|#0:s + "!"|});
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify", Reason("it may be called through 'dynamic', where no interceptor runs (at Test1.cs line 11: ((dynamic)this).Again(t, n - 1))", "((dynamic)this).Again(t, n - 1)")));

    [Test]
    public Task OPTO017_glue_after_code_that_may_enter_the_method_by_reflection() => Verify.Analyze([Agent, """
        using System;
        using System.Linq;
        using Opto;

        public partial class Agent
        {
            [Traced]
            public string ByName(string t, int n)
            {
                var s = Summarize(t);
                if (n > 0) typeof(Agent).GetMethod("ByName")!.Invoke(this, [t, n - 1]);
                return Classify({|#0:s + "!"|});
            }

            [Traced]
            public string ByAnyName(string t, string tool)
            {
                var s = Summarize(t);
                GetType().GetMethod(tool)?.Invoke(this, [t]);
                return Classify({|#1:s + "!"|});
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify", Reason("reflection may look it up and run it, where no interceptor runs (at Test1.cs line 11: typeof(Agent).GetMethod(\"ByName\"))", "typeof(Agent).GetMethod(\"ByName\")!.Invoke(this, [t, n - 1])")),
        Verify.Diagnostic("OPTO017").WithLocation(1).WithArguments("Summarize", "Classify", Reason("reflection may look it up and run it, where no interceptor runs (at Test1.cs line 19: GetType().GetMethod(tool))", "GetType().GetMethod(tool)")));

    [Test]
    public Task OPTO017_glue_after_code_that_may_enter_the_method_given_to_LINQ_as_a_method_group() => Verify.Analyze([Agent, """
        using System;
        using System.Linq;
        using Opto;

        public partial class Agent
        {
            [Traced]
            public string Each(string t)
            {
                var s = Summarize(t);
                var inner = t.Split(' ').Skip(1).Select(Each).ToList();
                return Classify({|#0:s + inner.Count|});
            }
        }
        """], interceptorsEnabled: true,
        Verify.Diagnostic("OPTO017").WithLocation(0).WithArguments("Summarize", "Classify", Reason("a delegate is made of it, whose calls no interceptor sees (at Test1.cs line 11: t.Split(' ').Skip(1).Select(Each))", "t.Split(' ').Skip(1).Select(Each)")));

    [Test]
    public Task No_diagnostic_where_every_entry_of_the_method_is_intercepted_or_comes_after_the_read() => Verify.Analyze([Agent, """
        using System;
        using System.Threading.Tasks;
        using Opto;

        public partial class Agent : IAgent
        {
            private readonly Func<string, int, string> _self;
            private readonly Func<string, int, Task<string>> _later;
            private readonly Func<string, string> _tool;
            private readonly Func<string, int, string> _first;

            public Agent(Func<string, string> tool)
            {
                _self = (t, n) => ThroughLambda(t, n);
                _later = Later;
                _tool = tool;
                _first = ReadFirst;
            }

            [Traced]
            public string ByName(string t, int n)
            {
                var s = Summarize(t);
                if (n > 0) ByName(t, n - 1);
                return Classify(s + "!");
            }

            [Traced]
            public string ThroughLambda(string t, int n)
            {
                var s = Summarize(t);
                if (n > 0) _self(t, n - 1);
                return Classify(s + "!");
            }

            [Traced]
            public string ReadFirst(string t, int n)
            {
                var s = Summarize(t);
                var c = Classify(s + "!");
                if (n > 0) _first(t, n - 1);
                return c;
            }

            // Implements the interface, whose member no code here calls: a tool it is given cannot enter it unintercepted.
            [Traced]
            public string Run(string t, int n)
            {
                var s = Summarize(t);
                _tool(t);
                return Classify(s + "!");
            }

            // An async method's changes to the async context stay its own, however it is entered.
            [Traced]
            public async Task<string> Later(string t, int n)
            {
                var s = Summarize(t);
                if (n > 0) await _later(t, n - 1);
                return Classify(s + "!");
            }
        }

        public class Other
        {
            public object? Find(string name) => typeof(string).GetMethod(name)?.Invoke("x", []);
        }
        """], interceptorsEnabled: true);

    [Test]
    public Task No_diagnostic_for_a_method_named_like_an_interface_member_its_type_does_not_implement() => Verify.Analyze([Agent, """
        using System;
        using Opto;

        // A method by the name of an interface's member that its type does not implement is not run by calls of that member.
        public class Runner
        {
            private readonly Func<string, string> _tool;

            public Runner(Func<string, string> tool) => _tool = tool;

            [Traced] public string Echo(string t) => t;

            [Traced]
            public string Run(string t, int n)
            {
                var s = Echo(t);
                _tool(t);
                return Echo(s + "!");
            }

            public string Through(IAgent agent) => agent.Run("x", 1);
        }
        """], interceptorsEnabled: true);
}
