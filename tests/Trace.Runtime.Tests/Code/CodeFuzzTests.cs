using System.Text;
using Opto.Code;
using Opto.Code.Isolation;

namespace Trace.Runtime.Tests.Code;

/// <summary>
/// Random and adversarial method bodies, generated from a seed, go through <see cref="ParameterNode.SetValue"/> and are
/// run in a worker process: whatever a model writes by itself is refused, stopped or fails as an exception, and the
/// process that checks and runs it never dies or hangs. (Host code that overflows its own stack is another matter:
/// see <see cref="IsolatedRunTests"/>.)
/// </summary>
[NonParallelizable]
public class CodeFuzzTests
{
    private const int Bodies = 200;

    private static CodeParameter Compute => Replacements.CodeOf(new Hazards(), "Hazards.Compute");

    [TearDown]
    public void ResetCode()
    {
        Compute.TimeBudget = TimeSpan.FromSeconds(10);
        Compute.Reset();
    }

    [TestCase(20261130)]
    public async Task No_body_kills_or_hangs_the_process_that_checks_and_runs_it(int seed)
    {
        Compute.TimeBudget = TimeSpan.FromMilliseconds(300);
        var generator = new BodyGenerator(new Random(seed));
        await using var runner = new IsolatedCodeRunner(new IsolatedCodeOptions { TimeLimit = TimeSpan.FromSeconds(45), MemoryLimit = 512L << 20 });
        var outcomes = new Dictionary<IsolatedOutcome, int>();
        var escaped = new List<string>();

        for (var i = 0; i < Bodies; i++)
        {
            var body = generator.Next();
            var code = Replacements.Method("public int Compute(int n)", body);
            var run = await runner.RunAsync<ComputeTrial, int, int>(new Dictionary<CodeParameter, string> { [Compute] = code }, i % 7);
            outcomes[run.Outcome] = outcomes.GetValueOrDefault(run.Outcome) + 1;
            if (run.Outcome is IsolatedOutcome.Crashed or IsolatedOutcome.TimedOut) escaped.Add($"{run.Outcome}: {run.Message}\n{code}");
        }

        TestContext.Out.WriteLine(string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")));
        Assert.That(escaped, Is.Empty, "bodies that killed or hung the worker");
        Assert.That(runner.WorkersStarted, Is.EqualTo(1 + outcomes.GetValueOrDefault(IsolatedOutcome.OutOfMemory)), "a worker is only replaced after running out of memory");
        foreach (var expected in new[] { IsolatedOutcome.Completed, IsolatedOutcome.Rejected, IsolatedOutcome.Failed, IsolatedOutcome.BudgetExceeded })
        {
            Assert.That(outcomes.GetValueOrDefault(expected), Is.GreaterThan(5), $"the generator reaches {expected}");
        }
    }

    /// <summary>Bodies of <c>int Compute(int n)</c>: statements built from a grammar, adversarial snippets, and mutations of both.</summary>
    private sealed class BodyGenerator(Random random)
    {
        private int _names;

        private static readonly string[] s_adversarial =
        [
            "lock (this) { n++; }\nreturn n;",
            "System.Threading.Thread.Sleep(50);\nreturn n;",
            "System.IO.File.WriteAllText(\"fuzz.txt\", \"x\");\nreturn n;",
            "GC.Collect();\nreturn n;",
            "Environment.Exit(1);\nreturn n;",
            "Environment.FailFast(\"x\");\nreturn n;",
            "_ = System.Threading.Tasks.Task.Run(() => { while (true) { } });\nreturn n;",
            "async void Later() { await System.Threading.Tasks.Task.Delay(10); throw new Exception(); }\nLater();\nreturn n;",
            "System.Threading.Tasks.Task.Delay(-1).Wait();\nreturn n;",
            "var t = new System.Threading.Tasks.TaskCompletionSource<int>();\nreturn t.Task.Result;",
            "System.Runtime.CompilerServices.Unsafe.Add(ref n, 100000) = 1;\nreturn n;",
            "var s = new int[1];\nreturn System.Numerics.Vector.LoadUnsafe(ref s[0], 1000000).ToScalar();",
            "System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo(\"tr-TR\");\nreturn n;",
            "(System.Globalization.CultureInfo.DefaultThreadCurrentCulture, _) = (null, 0);\nreturn n;",
            "var a = System.Buffers.ArrayPool<int>.Shared.Rent(4);\nSystem.Buffers.ArrayPool<int>.Shared.Return(a);\nSystem.Buffers.ArrayPool<int>.Shared.Return(a);\nreturn n;",
            "System.Threading.SynchronizationContext.SetSynchronizationContext(null);\nreturn n;",
            "System.Threading.ExecutionContext.SuppressFlow();\nreturn n;",
            "return typeof(string).Assembly.GetTypes().Length;",
            "return (int)Activator.CreateInstance(typeof(int));",
            "dynamic d = n;\nreturn d + 1;",
            "unsafe { int* p = &n; p[100000] = 1; }\nreturn n;",
            "Span<int> s = stackalloc int[1 << 28];\nreturn s.Length;",
            "return Compute(n + 1);",
            "try { return Compute(n + 1); } catch { return Compute(n + 1); }",
            "int f(int x) { try { return f(x + 1); } catch (Exception) { return f(x + 1); } }\nreturn f(n);",
            "Func<int, int> g = null;\ng = x => { try { return g(x + 1); } catch { return g(x + 2); } };\nreturn g(n);",
            "L: n++;\ngoto L;",
            "switch (n) { case 0: goto case 1; case 1: goto default; default: goto case 0; }",
            "while (true) { try { } catch { } finally { n++; } }",
            "for (;;) { try { throw new Exception(); } catch (Exception) when (n++ > -1) { } }",
            "var list = new List<long[]>();\nwhile (true) list.Add(new long[1 << 20]);",
            "var big = new long[int.MaxValue / 4];\nreturn big.Length;",
            "return new string('x', int.MaxValue).Length;",
            "var text = new System.Text.StringBuilder();\nwhile (true) text.Append(text.Length);",
            "return System.Text.RegularExpressions.Regex.Matches(new string('a', 30) + \"!\", \"^(a+)+$\").Count;",
            "} public static void Escape() { System.IO.File.Delete(\"x\"); } public int Other(int n) { return n;",
            "return n; } } class Evil { static Evil() { System.Environment.Exit(3); } } class X { int Y() { return 0;",
            "#line 1 \"other.cs\"\nreturn n;",
            "#error stop\nreturn n;",
            "#pragma warning disable\nreturn n;",
            "#r \"System.IO\"\nreturn n;",
            "/* unterminated comment\nreturn n;",
            "var s = \"\"\"\nunterminated raw string\nreturn n;",
            "return n\u202E;",
            "return n + '\uD800';",
            "return __budget.GetHashCode();",
            "var __x = 1;\nreturn __x;",
            "return this.GetType().GetMethods().Length;",
            "Console.SetOut(System.IO.TextWriter.Null);\nreturn n;",
            "Console.WriteLine(\"{\\\"Id\\\":1,\\\"Outcome\\\":\\\"Completed\\\",\\\"Output\\\":\\\"999\\\"}\");\nreturn n;",
            "return Console.Read();",
            "return checked(int.MaxValue + n + 1);",
            "object o = null;\nreturn o.GetHashCode();",
            "return (int)(object)\"text\";",
            "return n / (n - n);",
            "throw new StackOverflowException();",
            "throw new OutOfMemoryException();",
            "throw null;",
        ];

        public string Next() => random.Next(10) switch
        {
            < 3 => s_adversarial[random.Next(s_adversarial.Length)],
            < 4 => Mutate(s_adversarial[random.Next(s_adversarial.Length)]),
            < 5 => Mutate(Grammar()),
            < 6 => Extreme(),
            _ => Grammar(),
        };

        private string Grammar()
        {
            _names = 0;
            var builder = new StringBuilder();
            var statements = random.Next(1, 6);
            for (var i = 0; i < statements; i++) builder.Append(Statement(depth: 0)).Append('\n');
            builder.Append("return n;");
            return builder.ToString();
        }

        private string Statement(int depth)
        {
            var name = "v" + _names++;
            var k = random.Next(-3, 50);
            string Inner() => depth > 3 ? "n++;" : Statement(depth + 1);
            return random.Next(22) switch
            {
                0 => $"n = n * {k} + {random.Next(100)};",
                1 => $"for (var {name} = 0; {name} < {random.Next(0, 2000)}; {name}++) {{ {Inner()} }}",
                2 => $"while ({Condition()}) {{ {Inner()} }}",
                3 => $"try {{ {Inner()} }} catch {{ {Inner()} }}",
                4 => $"try {{ {Inner()} }} catch (Exception {name}) when ({name}.Message.Length > {k}) {{ {Inner()} }} finally {{ {Inner()} }}",
                5 => $"if (n % 2 == 0) {{ {Inner()} }} else {{ {Inner()} }}",
                6 => $"n += Compute(n {(random.Next(2) == 0 ? "-" : "+")} 1);",
                7 => $"Func<int, int> {name} = null;\n{name} = x => x <= 0 ? 0 : {name}(x {(random.Next(2) == 0 ? "-" : "+")} 1);\nn += {name}(n);",
                8 => $"int {name}(int x) => x <= 0 ? 0 : {name}(x {(random.Next(2) == 0 ? "-" : "+")} 1);\nn += {name}(n);",
                9 => $"var {name} = new string('a', {random.Next(0, 100_000)});\nn += {name}.Length;",
                10 => $"var {name} = new List<int>();\nfor (var i{name} = 0; i{name} < {random.Next(0, 5000)}; i{name}++) {name}.Add(i{name});\nn += {name}.Count;",
                11 => $"{name}: n++;\nif (n < {random.Next(-10, 100_000_000)}) goto {name};",
                12 => $"switch (n % 3) {{ case 0: n++; goto case 1; case 1: n{(random.Next(2) == 0 ? "--" : "++")}; {(random.Next(2) == 0 ? "goto default;" : "break;")} default: n += 2; break; }}",
                13 => $"n = checked(n * {random.Next(1, int.MaxValue)});",
                14 => $"n += int.Parse(\"{(random.Next(2) == 0 ? "12" : "x")}\");",
                15 => $"n += new int[{random.Next(0, 4)}][{random.Next(0, 4)}];",
                16 => $"n = n / ({random.Next(-1, 2)});",
                17 => "throw new InvalidOperationException(\"fuzz\");",
                18 => $"n += string.Join(\",\", Enumerable.Range(0, {random.Next(0, 10_000)})).Length;",
                19 => $"n += Enumerable.Range(0, {random.Next(0, 100_000)}).Select(x => x % 7).Where(x => x > {k}).Sum();",
                20 => $"var {name} = new Dictionary<int, string>();\n{name}[n] = \"a\";\nn += {name}[n{(random.Next(2) == 0 ? "" : " + 1")}].Length;",
                _ => $"{{ {Inner()} {Inner()} }}",
            };
        }

        private string Condition() => random.Next(4) switch
        {
            0 => "true",
            1 => "n > -5",
            2 => "n != 0",
            _ => $"n < {random.Next(0, 1000)}",
        };

        // Beyond the size and nesting limits, or close to them.
        private string Extreme() => random.Next(6) switch
        {
            0 => "return " + new string('(', random.Next(10, 50_000)) + "n" + new string(')', random.Next(10, 50_000)) + ";",
            1 => string.Concat(Enumerable.Repeat("n++;\n", random.Next(1_000, 5_000))) + "return n;",
            2 => "Func<int, int> f = " + string.Concat(Enumerable.Range(0, random.Next(5, 40)).Select(i => $"x{i} => ")) + "1;\nreturn n;",
            3 => new string('{', random.Next(10, 10_000)) + "return n;" + new string('}', random.Next(10, 10_000)),
            4 => "return " + string.Join(" + ", Enumerable.Repeat("n", random.Next(1_000, 20_000))) + ";",
            _ => "var s = \"" + new string('x', random.Next(10_000, 100_000)) + "\";\nreturn s.Length;",
        };

        private string Mutate(string body)
        {
            var chars = new StringBuilder(body);
            var edits = random.Next(1, 6);
            const string alphabet = "{}()[];<>=+-*/\"'\\@#$?:!&|^~.,_ \nnx0123456789";
            for (var i = 0; i < edits && chars.Length > 0; i++)
            {
                var at = random.Next(chars.Length);
                switch (random.Next(3))
                {
                    case 0: chars.Remove(at, 1); break;
                    case 1: chars.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                    default: chars.Insert(at, chars.ToString(at, Math.Min(random.Next(1, 20), chars.Length - at))); break;
                }
            }

            return chars.ToString();
        }
    }
}
