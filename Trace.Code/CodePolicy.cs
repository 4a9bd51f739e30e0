namespace Opto.Code;

/// <summary>
/// What replacement code written by a model may use. Checked against the compiler's symbols before the code is
/// loaded: a use outside the policy rejects the code, and the rejection is feedback for the model.
/// The default allows none of <see cref="CodeCapabilities"/>.
/// </summary>
/// <param name="Allowed">The areas the code may use.</param>
public sealed record CodePolicy(CodeCapabilities Allowed = CodeCapabilities.None)
{
    /// <summary>Namespaces (and their sub-namespaces) allowed beyond the known-safe base library; see <see cref="CodeCapabilities.OtherApis"/>.</summary>
    public IReadOnlyList<string> AllowedNamespaces { get; init; } = [];

    /// <summary>A policy that also allows the APIs of <paramref name="ns"/> and its sub-namespaces (other areas still apply).</summary>
    /// <param name="ns">A namespace, such as <c>Microsoft.Extensions.AI</c>.</param>
    public CodePolicy AllowNamespace(string ns) => this with { AllowedNamespaces = [.. AllowedNamespaces, ns] };

    /// <summary>The default policy: pure computation, no file system, processes, network, environment, reflection, unsafe code or threads.</summary>
    public static CodePolicy Default { get; } = new();

    /// <summary>A policy that also allows <paramref name="capabilities"/>.</summary>
    /// <param name="capabilities">The areas to allow.</param>
    public CodePolicy Allow(CodeCapabilities capabilities) => this with { Allowed = Allowed | capabilities };

    /// <summary>Whether the policy allows every area in <paramref name="capabilities"/>.</summary>
    /// <param name="capabilities">The areas.</param>
    public bool Allows(CodeCapabilities capabilities) => (Allowed & capabilities) == capabilities;
}
