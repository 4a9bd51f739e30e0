using Opto;
using Opto.Code;

namespace Trace.Runtime.Tests.Code;

/// <summary>A host whose static state replacement code must not change, and whose instance state it may.</summary>
public class Vault
{
    private static readonly int[] s_secret = [1, 2, 3, 4];
    private static int s_hidden = 0;
    private int _seen = 0;

    private static string Private { get; set; } = "p";

    /// <summary>A public static field of the host.</summary>
    public static int Counter;

    /// <summary>A public static property of the host.</summary>
    public static string Mode { get; set; } = "a";

    /// <summary>A static event of the host.</summary>
    public static event EventHandler? Changed;

    /// <summary>Boxes the host keeps for every call.</summary>
    public static readonly System.Runtime.CompilerServices.StrongBox<int>[] Boxes = [new(1), new(1)];

    /// <summary>An instance property.</summary>
    public int Count { get; set; }

    public int Seen => _seen;

    public static int[] Secret => s_secret;

    public static int Hidden => s_hidden;

    public static string PrivateValue => Private;

    public static void Raise() => Changed?.Invoke(null, EventArgs.Empty);

    /// <summary>Labels a text.</summary>
    [Trainable]
    public string Label(string text) => text;
}

/// <summary>
/// Replacement code must neither read or write memory out of bounds (through references the callee offsets or
/// reinterprets) nor change state that outlives the call (process-wide settings, the caller's thread, static fields).
/// </summary>
public class PolicyEscapeTests
{
    private static CodeParameter Code => new Vault().TrainableParameters().OfType<CodeParameter>().Single(p => p.Name == "Vault.Label");

    private static string Body(string body) => Replacements.Label(body);

    [TearDown]
    public void ResetCode()
    {
        Code.Policy = CodePolicy.Default;
        Code.Reset();
    }

    private static TestCaseData Case(string kind, string name, string body, string message, string? allowNamespace = null) =>
        new TestCaseData(body, message, allowNamespace).SetName($"{kind}: {name}");

    private static IEnumerable<TestCaseData> MemoryEscapes()
    {
        const string Unsafe = "is unsafe code or native interop";
        yield return Case("Refused", "a vector loaded past the end of a local array", """
            var a = new int[2];
            var v = System.Runtime.Intrinsics.Vector128.LoadUnsafe(ref a[0], 64);
            return v.ToString();
            """, "System.Runtime.Intrinsics.Vector128.LoadUnsafe " + Unsafe, "System.Runtime.Intrinsics");
        yield return Case("Refused", "a vector stored past the end of a span", """
            Span<int> s = new int[4];
            System.Numerics.Vector.StoreUnsafe(System.Numerics.Vector<int>.One, ref s[0], 100);
            return text;
            """, "System.Numerics.Vector.StoreUnsafe " + Unsafe);
        yield return Case("Refused", "the reference behind a span", """
            var s = text.AsSpan();
            ref readonly var first = ref s.GetPinnableReference();
            return first.ToString();
            """, "System.ReadOnlySpan.GetPinnableReference " + Unsafe);
        yield return Case("Refused", "a span made from a reference", """
            var n = 3;
            var s = new Span<int>(ref n);
            return s.Length.ToString();
            """, "new System.Span " + Unsafe);
        yield return Case("Refused", "Unsafe.Add past a local", """
            var n = 1;
            System.Runtime.CompilerServices.Unsafe.Add(ref n, 8) = 5;
            return text;
            """, "System.Runtime.CompilerServices.Unsafe.Add " + Unsafe);
        yield return Case("Refused", "a reference into a nullable", """
            int? n = 4;
            ref readonly var inner = ref Nullable.GetValueRefOrDefaultRef(in n);
            return inner.ToString();
            """, "System.Nullable.GetValueRefOrDefaultRef " + Unsafe);
        yield return Case("Refused", "a typed reference", """
            var n = 1;
            var r = __makeref(n);
            return text;
            """, "__makeref " + Unsafe);
        yield return Case("Refused", "a span over a list's storage, even with its namespace allowed", """
            var list = new List<int> { 1 };
            var s = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list);
            return s.Length.ToString();
            """, "System.Runtime.InteropServices.CollectionsMarshal.AsSpan " + Unsafe, "System.Runtime.InteropServices");
    }

    private static IEnumerable<TestCaseData> StateEscapes()
    {
        const string State = "is environment or process-wide state";
        yield return Case("Refused", "the caller's UI culture through a deconstruction", """
            (System.Globalization.CultureInfo.CurrentUICulture, var k) = (System.Globalization.CultureInfo.InvariantCulture, 1);
            return text + k;
            """, "System.Globalization.CultureInfo.CurrentUICulture " + State);
        yield return Case("Refused", "the default culture of new threads through ??=", """
            System.Globalization.CultureInfo.DefaultThreadCurrentUICulture ??= System.Globalization.CultureInfo.InvariantCulture;
            return text;
            """, "System.Globalization.CultureInfo.DefaultThreadCurrentUICulture " + State);
        yield return Case("Refused", "the caller's synchronization context", """
            SynchronizationContext.SetSynchronizationContext(new SynchronizationContext());
            return text;
            """, "System.Threading.SynchronizationContext.SetSynchronizationContext " + State);
        yield return Case("Refused", "suppressing the execution context flow", """
            var flow = ExecutionContext.SuppressFlow();
            return text;
            """, "System.Threading.ExecutionContext.SuppressFlow " + State);
        yield return Case("Refused", "an array returned to the shared pool", """
            System.Buffers.ArrayPool<char>.Shared.Return(new char[32]);
            return text;
            """, "System.Buffers.ArrayPool.Shared " + State);
        yield return Case("Refused", "registering an encoding provider", """
            System.Text.Encoding.RegisterProvider(null!);
            return text;
            """, "System.Text.Encoding.RegisterProvider " + State);
        yield return Case("Refused", "a host static field incremented", "Vault.Counter++;\nreturn text;", "Trace.Runtime.Tests.Code.Vault.Counter " + State);
        yield return Case("Refused", "a host static field in a compound assignment", "Vault.Counter *= 3;\nreturn text;", "Trace.Runtime.Tests.Code.Vault.Counter " + State);
        yield return Case("Refused", "a host static property", "Vault.Mode = text;\nreturn text;", "Trace.Runtime.Tests.Code.Vault.Mode " + State);
        yield return Case("Refused", "host statics in a tuple assignment", "(Vault.Mode, Vault.Counter) = (text, 7);\nreturn text;", "Trace.Runtime.Tests.Code.Vault.Mode " + State);
        yield return Case("Refused", "a host static field passed by ref", "Interlocked.Add(ref Vault.Counter, 5);\nreturn text;", "Trace.Runtime.Tests.Code.Vault.Counter " + State);
        yield return Case("Refused", "a host static field as an out argument", "int.TryParse(text, out Vault.Counter);\nreturn text;", "Trace.Runtime.Tests.Code.Vault.Counter " + State);
        yield return Case("Refused", "a ref local to a host static field", "ref var c = ref Vault.Counter;\nc = 42;\nreturn text;", "Trace.Runtime.Tests.Code.Vault.Counter " + State);
        yield return Case("Refused", "a private static field of the host", "s_hidden = 9;\nreturn text;", "Trace.Runtime.Tests.Code.Vault.s_hidden " + State);
        yield return Case("Refused", "an element of a private static array of the host", "s_secret[1] = 0;\nreturn text;", "Trace.Runtime.Tests.Code.Vault.s_secret " + State);
        yield return Case("Refused", "a handler added to a static event", "Vault.Changed += (_, _) => { };\nreturn text;", "Trace.Runtime.Tests.Code.Vault.Changed " + State);
        yield return Case("Refused", "a host static array through a local that aliases it", "var a = Vault.Secret;\nvar b = a;\nb[0] = 8;\nreturn text;", "Trace.Runtime.Tests.Code.Vault.Secret " + State);
        yield return Case("Refused", "a host static array through a span over it", "Vault.Secret.AsSpan(1)[0] = 8;\nreturn text;", "Trace.Runtime.Tests.Code.Vault.Secret " + State);
        yield return Case("Refused", "elements of a host static collection through a foreach variable", "foreach (var v in Vault.Boxes) v.Value = 3;\nreturn text;", "Trace.Runtime.Tests.Code.Vault.Boxes " + State);
        yield return Case("Refused", "a host static property through a foreach deconstruction", "foreach ((Vault.Mode, var n) in new[] { (text, 1) }) { }\nreturn text;", "Trace.Runtime.Tests.Code.Vault.Mode " + State);
        yield return Case("Refused", "the number format of the caller's culture", """
            System.Globalization.CultureInfo.CurrentCulture.NumberFormat.NegativeSign = "~";
            return text;
            """, "System.Globalization.CultureInfo.CurrentCulture " + State);
        yield return Case("Refused", "a private static property of the host", "Private = text;\nreturn text;", "Trace.Runtime.Tests.Code.Vault.Private " + State);
        yield return Case("Refused", "a static field of another type of the project", "Trace.Runtime.Tests.Fixtures.Agent.Temperature += 0.5;\nreturn text;", "Trace.Runtime.Tests.Fixtures.Agent.Temperature " + State);
        yield return Case("Refused", "a regex cache size, in a lambda", "Action shrink = () => System.Text.RegularExpressions.Regex.CacheSize = 0;\nshrink();\nreturn text;", "System.Text.RegularExpressions.Regex.CacheSize " + State);
        yield return Case("Refused", "a ref returned by a local function", "ref int Slot() => ref Vault.Counter;\nSlot() = 4;\nreturn text;", "Trace.Runtime.Tests.Code.Vault.Counter " + State);
        yield return Case("Refused", "a writable span over a host static array, cleared", "Vault.Secret.AsSpan().Clear();\nreturn text;", "Trace.Runtime.Tests.Code.Vault.Secret " + State);
        yield return Case("Refused", "a host static array converted to a span and filled", "Span<int> s = Vault.Secret;\ns.Fill(0);\nreturn text;", "Trace.Runtime.Tests.Code.Vault.Secret " + State);
        yield return Case("Refused", "an interpolated string handler used by hand", """
            var h = new System.Runtime.CompilerServices.DefaultInterpolatedStringHandler(1, 0);
            var copy = h;
            h.ToStringAndClear();
            return copy.ToStringAndClear();
            """, "new System.Runtime.CompilerServices.DefaultInterpolatedStringHandler " + State);
        yield return Case("Refused", "the garbage collector's latency mode", """
            System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.Batch;
            return text;
            """, "System.Runtime.GCSettings.LatencyMode " + State, "System.Runtime");
        yield return Case("Refused", "the current activity", """
            System.Diagnostics.Activity.Current = null;
            return text;
            """, "System.Diagnostics.Activity.Current " + State, "System.Diagnostics");
    }

    [TestCaseSource(nameof(MemoryEscapes))]
    [TestCaseSource(nameof(StateEscapes))]
    public void The_escape_is_refused_and_names_the_api_and_the_area(string body, string message, string? allowNamespace)
    {
        if (allowNamespace is not null) Code.Policy = CodePolicy.Default.AllowNamespace(allowNamespace);

        var error = Assert.Throws<CodeRejectedException>(() => Code.SetValue(Body(body)));

        Assert.That(error!.Message, Does.Contain("policy: " + message).And.Contain("which the code policy does not allow"));
        Assert.That(Code.IsReplaced, Is.False);
    }

    private static IEnumerable<TestCaseData> LookAlikes()
    {
        yield return new TestCaseData("var a = new[] { 1, 2, 3, 4 };\nvar s = a.AsSpan(1, 2);\ns[0] = 7;\nreturn text + s[0] + s[^1] + a[1];", "x737").SetName("Allowed: a bounds-checked span over an array, written and read");
        yield return new TestCaseData("Span<int> s = new int[4];\ns.Slice(1).Fill(2);\nforeach (ref var v in s) v++;\nreturn text + string.Join(\"\", s.ToArray());", "x1333").SetName("Allowed: slicing, filling and a ref foreach over a span");
        yield return new TestCaseData("return int.TryParse(\"41\", out var n) ? text + (n + 1) : text;", "x42").SetName("Allowed: an out argument to a new local");
        yield return new TestCaseData("var n = 1;\nInterlocked.Increment(ref n);\nvar a = new int[1];\nArray.Resize(ref a, 3);\nreturn text + n + a.Length;", "x23").SetName("Allowed: Interlocked and Array.Resize on the code's own locals");
        yield return new TestCaseData("var sb = new System.Text.StringBuilder();\nsb.Append($\"{text}-{2}\");\nreturn sb.ToString();", "x-2").SetName("Allowed: an interpolated string handler passed by ref");
        yield return new TestCaseData("var v = new System.Numerics.Vector<int>(new int[System.Numerics.Vector<int>.Count]);\nreturn text + System.Numerics.Vector.Sum(v);", "x0").SetName("Allowed: a vector from an array");
        yield return new TestCaseData("var c = System.Globalization.CultureInfo.CurrentCulture;\nreturn text + (c.Name.Length >= 0 ? \"!\" : \"?\");", "x!").SetName("Allowed: reading the current culture");
        yield return new TestCaseData("var (a, b) = (text, 1);\n(a, b) = (a + b, b + 1);\nreturn a + b;", "x12").SetName("Allowed: a local tuple deconstruction");
        yield return new TestCaseData("var copy = Vault.Counter;\ncopy++;\nreturn text + (copy - Vault.Counter);", "x1").SetName("Allowed: a copy of a host static, changed");
        yield return new TestCaseData("_seen++;\n_seen += 2;\nCount = _seen;\nthis.Count *= 2;\nreturn text + Count;", "x6").SetName("Allowed: fields and properties of this");
        yield return new TestCaseData("var a = (int[])Vault.Secret.Clone();\na[0] = 9;\nvar s = Vault.Secret;\ns = new int[1];\nreturn text + a[0] + s.Length + Vault.Secret[0];", "x911").SetName("Allowed: a clone of a host static array changed, and a local that aliased it reassigned");
        yield return new TestCaseData("var boxes = Vault.Boxes.Select(b => new System.Runtime.CompilerServices.StrongBox<int>(b.Value)).ToList();\nforeach (var b in boxes) b.Value = 4;\nreturn text + boxes.Sum(b => b.Value);", "x8").SetName("Allowed: elements of the code's own collection through a foreach variable");
        yield return new TestCaseData("ReadOnlySpan<int> s = Vault.Secret;\nvar total = 0;\nforeach (var v in s) total += v;\nreturn text + total + string.Join(\"\", Vault.Secret) + $\"{total:D3}\";", "x101234010").SetName("Allowed: reading a host static array through a read-only span, and interpolation");
        yield return new TestCaseData("return text + text.GetType().Name + (text.GetType() == typeof(string));", "xStringTrue").SetName("Allowed: the name of an object's type, and comparing types");
    }

    [TestCaseSource(nameof(LookAlikes))]
    public void A_look_alike_that_stays_inside_the_call_is_allowed(string body, string expected)
    {
        Code.SetValue(Body(body));

        Assert.That(new Vault().Label("x"), Is.EqualTo(expected));
    }

    [Test]
    public void The_callers_thread_is_process_state_even_when_threads_are_allowed()
    {
        Code.Policy = CodePolicy.Default.Allow(CodeCapabilities.Threads);

        var error = Assert.Throws<CodeRejectedException>(() => Code.SetValue(Body("Thread.CurrentThread.Priority = ThreadPriority.Lowest;\nreturn text;")));

        Assert.That(error!.Message, Does.Contain("policy: System.Threading.Thread.CurrentThread is environment or process-wide state"));
    }

    [Test]
    public void Refused_code_left_the_host_state_as_it_was()
    {
        var counter = Vault.Counter;
        var secret = Vault.Secret.ToArray();

        Assert.Throws<CodeRejectedException>(() => Code.SetValue(Body("Vault.Counter = -1;\ns_secret[0] = -1;\nreturn text;")));

        Assert.That(Vault.Counter, Is.EqualTo(counter));
        Assert.That(Vault.Secret, Is.EqualTo(secret));
        Assert.That(Vault.Hidden, Is.Zero);
        Assert.That(Vault.PrivateValue, Is.EqualTo("p"));
        Vault.Raise();
    }
}
