namespace Trace.Generators.Tests;

/// <summary>[Trainable] methods: their code is captured, registered as a parameter, and every call dispatches through a slot.</summary>
public class TrainableCodeTests
{
    internal const string Source = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Opto;

        namespace Shop;

        public class Sorter
        {
            /// <summary>Sorts strangely.</summary>
            [Trainable]
            public List<int> Sort(List<int> values) => [.. values.Order()];

            /// <summary>Counts.</summary>
            [Trainable("Counting rule.", Constraint = "Stay fast.")]
            public static int Count(int[] values) => values.Length;

            /// <summary>Logs.</summary>
            [Trainable]
            public void Log(string line) { }

            /// <summary>Waits.</summary>
            [Trainable]
            public async Task<int> WaitAsync(int value) { await Task.Yield(); return value; }

            /// <summary>Generic: traced, but its code is not a parameter.</summary>
            [Trainable]
            public T Same<T>(T value) => value;

            /// <summary>Virtual: traced, but its code is not a parameter.</summary>
            [Trainable]
            public virtual string Name() => "sorter";
        }

        public static class Program
        {
            public static string Run()
            {
                var sorter = new Sorter();
                sorter.Log("x");
                return string.Join(",", sorter.Sort([3, 1, 2])) + "|" + Sorter.Count([1, 2]) + "|" + sorter.WaitAsync(4).Result + "|" + sorter.Same(5) + "|" + sorter.Name();
            }
        }
        """;

    [Test]
    public void Trainable_methods_are_registered_as_code_and_dispatched_through_slots()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Code", null, Source));

        generated.AssertClean();
        Snapshot.Match("Code.Interceptors", generated.Sources["Opto.Interceptors.g.cs"]);
        Snapshot.Match("Code.Registration", generated.Sources["Opto.Registration.g.cs"]);
    }

    [Test]
    public void Without_the_code_package_trainable_methods_are_traced_but_their_code_is_not_registered()
    {
        var codePackage = typeof(Opto.Code.CodeParameter).Assembly.Location;
        var compilation = GeneratorHarness.Compile("Code", null, Source);
        compilation = compilation.RemoveReferences(compilation.References.Where(r => r is Microsoft.CodeAnalysis.PortableExecutableReference { FilePath: { } path } && path == codePackage));

        var generated = GeneratorHarness.Run(compilation);

        Assert.That(generated.Sources.Values, Has.None.Contains("CodeRegistration").And.None.Contains("CodeSlot"), "no code parameter without the package");
        Assert.That(generated.Sources["Opto.Interceptors.g.cs"], Does.Contain("\"Sort\"").Or.Contain("Sort("), "the calls are still traced");
    }

    [Test]
    public void Only_swappable_methods_become_code_parameters_and_the_patch_assembly_sees_internals()
    {
        var registration = GeneratorHarness.Run(GeneratorHarness.Compile("Code", null, Source)).Sources["Opto.Registration.g.cs"];

        Assert.That(registration, Does.Contain("[assembly: global::System.Runtime.CompilerServices.InternalsVisibleTo(\"Opto.Patches\")]"));
        foreach (var name in new[] { "\"Sort\"", "\"Count\"", "\"Log\"", "\"WaitAsync\"" }) Assert.That(registration, Does.Contain($"CodeRegistration.Member<").And.Contain(name));
        Assert.That(registration, Does.Not.Contain("\"Same\", \"M:").And.Not.Contain("\"Name\", \"M:"));
        Assert.That(registration, Does.Contain("\"Counting rule.\", \"Stay fast.\""));
    }

    [Test]
    public void The_generated_code_compiles_and_runs_the_original_methods()
    {
        var generated = GeneratorHarness.Run(GeneratorHarness.Compile("Code", null, Source));

        var output = GeneratorHarness.Invoke([GeneratorHarness.Emit(generated.Compilation)], "Shop.Program", "Run");

        Assert.That(output, Is.EqualTo("1,2,3|2|4|5|sorter"));
    }

    [Test]
    public void A_strong_named_assembly_gets_no_InternalsVisibleTo_it_could_not_compile()
    {
        // Public signing with a real public key makes the assembly identity strong-named, as delay- or fully-signed builds are.
        using var rsa = System.Security.Cryptography.RSA.Create(1024);
        var key = System.Collections.Immutable.ImmutableArray.Create(PublicKeyBlob(rsa));
        var compilation = GeneratorHarness.Compile("Code", null, Source);
        compilation = compilation.WithOptions(compilation.Options.WithCryptoPublicKey(key).WithPublicSign(true));
        Assert.That(compilation.Assembly.Identity.IsStrongName, Is.True);

        var generated = GeneratorHarness.Run(compilation);

        Assert.That(generated.Sources["Opto.Registration.g.cs"], Does.Not.Contain("InternalsVisibleTo"));
        Assert.That(generated.Compilation.GetDiagnostics().Where(d => d.Id == "CS1726"), Is.Empty);
    }

    // The public key blob format strong names use: PUBLICKEYBLOB header + RSA public key.
    private static byte[] PublicKeyBlob(System.Security.Cryptography.RSA rsa)
    {
        var parameters = rsa.ExportParameters(false);
        var modulus = parameters.Modulus!.Reverse().ToArray();
        var exponent = new byte[4];
        Array.Copy(parameters.Exponent!.Reverse().ToArray(), exponent, parameters.Exponent!.Length);
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(0x00002400); // CALG_RSA_SIGN
        writer.Write(0x00008004); // CALG_SHA1
        writer.Write(20 + modulus.Length);
        writer.Write((byte)0x06); // PUBLICKEYBLOB
        writer.Write((byte)0x02);
        writer.Write((short)0);
        writer.Write(0x00002400);
        writer.Write(0x31415352); // "RSA1"
        writer.Write(modulus.Length * 8);
        writer.Write(exponent);
        writer.Write(modulus);
        return stream.ToArray();
    }
}
