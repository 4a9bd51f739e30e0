using Opto;
using Opto.Code;
using Trace.Runtime.Tests.Fixtures;

namespace Trace.Runtime.Tests.Code;

public class CodeRejectionTests
{
    private static CodeParameter Label => new Sorter().TrainableParameters().OfType<CodeParameter>().Single(p => p.Name == "Sorter.Label");

    [TearDown]
    public void ResetCode()
    {
        Label.Policy = CodePolicy.Default;
        Label.Reset();
    }

    [Test]
    public void A_compile_error_is_feedback_annotated_at_the_failing_line_and_nothing_changes()
    {
        var sorter = new Sorter();

        var error = Assert.Throws<CodeRejectedException>(() => Label.SetValue("""
            public string Label(string text)
            {
                var upper = text.ToUpperInvariant()
                return uper;
            }
            """));

        Assert.That(error!.Message, Does.StartWith("The replacement for Sorter.Label was rejected: it does not compile.").Or.StartWith("The code does not parse."));
        Assert.That(error.Message, Does.Contain("3 |     var upper = text.ToUpperInvariant()\n  | ^ error CS1002: ; expected"));
        Assert.That(sorter.Label("x"), Is.EqualTo("x"));
        Assert.That(Label.IsReplaced, Is.False);
    }

    [Test]
    public void A_semantic_error_points_at_its_line_with_the_compilers_message()
    {
        var error = Assert.Throws<CodeRejectedException>(() => Label.SetValue("""
            public string Label(string text)
            {
                var upper = text.ToUpperInvariant();
                return uper;
            }
            """));

        Assert.That(error!.Message, Does.Contain("4 |     return uper;\n  | ^ error CS0103: The name 'uper' does not exist in the current context"));
    }

    [TestCase("public string Label(string message) => message;", "the suggestion has `public string Label(string message)`")]
    [TestCase("public int Label(string text) => 1;", "the suggestion has `public int Label(string text)`")]
    [TestCase("public static string Label(string text) => text;", "the suggestion has `public static string Label(string text)`")]
    [TestCase("private string Label(string text) => text;", "the suggestion has `private string Label(string text)`")]
    [TestCase("public string Tag(string text) => text;", "the suggestion has `public string Tag(string text)`")]
    public void A_changed_signature_is_rejected(string code, string expected)
    {
        var error = Assert.Throws<CodeRejectedException>(() => Label.SetValue(code));

        Assert.That(error!.Message, Does.StartWith("The signature must stay exactly `public string Label(string text)`").And.Contain(expected));
    }

    [TestCase("public string Label(string text) => text; public string Other() => \"\";")]
    [TestCase("class X { }")]
    [TestCase("Console.WriteLine(1);")]
    public void Anything_but_one_method_declaration_is_rejected(string code)
    {
        var error = Assert.Throws<CodeRejectedException>(() => Label.SetValue(code));

        Assert.That(error!.Message, Does.Contain("exactly one C# method declaration"));
    }

    private static IEnumerable<TestCaseData> Banned()
    {
        yield return Case(CodeCapabilities.FileSystem, "return System.IO.File.ReadAllText(text);", "System.IO.File.ReadAllText is file system access");
        yield return Case(CodeCapabilities.FileSystem, "using var stream = new FileStream(text, FileMode.Open); return text;", "new System.IO.FileStream is file system access");
        yield return Case(CodeCapabilities.Processes, "System.Diagnostics.Process.Start(\"sh\"); return text;", "System.Diagnostics.Process.Start is process control");
        yield return Case(CodeCapabilities.Processes, "Environment.Exit(1); return text;", "System.Environment.Exit is process control");
        yield return Case(CodeCapabilities.Network, "using var client = new System.Net.Sockets.TcpClient(); return text;", "new System.Net.Sockets.TcpClient is network access");
        yield return Case(CodeCapabilities.Environment, "return Environment.GetEnvironmentVariable(\"OPENAI_API_KEY\") ?? text;", "System.Environment.GetEnvironmentVariable is environment or process-wide state");
        yield return Case(CodeCapabilities.Reflection, "return typeof(Sorter).GetMethods().Length.ToString();", "is reflection or dynamic code");
        yield return Case(CodeCapabilities.Reflection, "return Activator.CreateInstance(typeof(Sorter))!.ToString()!;", "System.Activator.CreateInstance is reflection or dynamic code");
        yield return Case(CodeCapabilities.Reflection, "dynamic d = text; return d;", "dynamic is reflection or dynamic code");
        yield return Case(CodeCapabilities.Unsafe, "unsafe { int x = 1; int* p = &x; return text + *p; }", "unsafe code is unsafe code or native interop");
        yield return Case(CodeCapabilities.Unsafe, "return System.Runtime.InteropServices.Marshal.SizeOf<int>().ToString();", "is unsafe code or native interop");
        yield return Case(CodeCapabilities.Threads, "new System.Threading.Thread(() => { }).Start(); return text;", "System.Threading.Thread.Start is threads, timers, blocking waits");
        yield return Case(CodeCapabilities.Threads, "return Task.Run(() => text).Result;", "is threads, timers, blocking waits");

        static TestCaseData Case(CodeCapabilities area, string body, string message) =>
            new TestCaseData(area, body, message).SetName($"Banned {area}: {body}");
    }

    [TestCaseSource(nameof(Banned))]
    public void Code_outside_the_policy_is_rejected_and_allowed_when_the_policy_is_widened(CodeCapabilities area, string body, string message)
    {
        var code = $"public string Label(string text)\n{{\n    {body}\n}}";

        var error = Assert.Throws<CodeRejectedException>(() => Label.SetValue(code));

        Assert.That(error!.Message, Does.Contain("3 |     " + body).And.Contain(message).And.Contain("which the code policy does not allow"));
        Assert.That(Label.IsReplaced, Is.False);

        Label.Policy = CodePolicy.Default.Allow(area);
        var widened = Label.CompileAndCheck(code);
        Assert.That(widened ?? "", Does.Not.Contain("code policy"), "with the area allowed, the policy no longer objects (compile errors may remain, e.g. for unsafe code)");
    }
}
