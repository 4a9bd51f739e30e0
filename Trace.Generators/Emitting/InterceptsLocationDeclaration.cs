namespace Opto.Generators.Emitting;

/// <summary>
/// The attribute interceptors are marked with, declared in each file that uses it: file-local, so a project that declares
/// its own (or another generator's file) never clashes with it.
/// </summary>
internal static class InterceptsLocationDeclaration
{
    public static void Write(SourceWriter writer)
    {
        writer.Open("namespace System.Runtime.CompilerServices");
        writer.Line("[global::System.AttributeUsage(global::System.AttributeTargets.Method, AllowMultiple = true)]");
        writer.Line(Literals.GeneratedCode);
        writer.Line(Literals.NonUserCode);
        writer.Open("file sealed class InterceptsLocationAttribute : global::System.Attribute");
        writer.Open("public InterceptsLocationAttribute(int version, string data)");
        writer.Close();
        writer.Close();
        writer.Close();
    }
}
