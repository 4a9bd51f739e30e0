using Opto.Code;

namespace Trace.Runtime.Tests.Code;

/// <summary>What the code tests share: writing a replacement method and running it where a regression cannot hang the run.</summary>
internal static class Replacements
{
    /// <summary>A method declaration with <paramref name="signature"/> and <paramref name="body"/>, indented as a model writes it.</summary>
    public static string Method(string signature, string body) =>
        $"{signature}\n{{\n    {body.Trim().Replace("\n", "\n    ", StringComparison.Ordinal)}\n}}";

    /// <summary>A replacement of <c>string Label(string text)</c>, the trainable method of the fixtures.</summary>
    public static string Label(string body) => Method("public string Label(string text)", body);

    /// <summary>The code parameter named <paramref name="name"/> among an object's trainable parameters.</summary>
    public static CodeParameter CodeOf(object owner, string name) =>
        Opto.Interception.TrainableRegistry.ParametersOf(owner).OfType<CodeParameter>().Single(p => p.Name == name);

    /// <summary>Runs on another thread (with a large stack) so that a regression fails the test instead of hanging the run.</summary>
    public static Exception? RunGuarded(Action action)
    {
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try { action(); }
            catch (Exception e) { error = e; }
        }, 16 * 1024 * 1024) { IsBackground = true };
        thread.Start();
        Assert.That(thread.Join(TimeSpan.FromSeconds(30)), Is.True, "the replacement was not stopped");
        return error;
    }
}
