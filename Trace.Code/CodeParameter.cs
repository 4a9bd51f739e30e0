using Opto.Code.Compiling;
using Opto.Interception;

namespace Opto.Code;

/// <summary>
/// The code of a <c>[Trainable]</c> method as a parameter: its value is the method's C# source. A new value is compiled
/// (same signature, code policy checked), loaded into a collectible load context and swapped in atomically: every
/// call site then runs it. The previous replacement is unloaded.
/// </summary>
public sealed class CodeParameter : ParameterNode
{
    private const int PreparedKept = 4;
    private readonly Lock _lock = new();
    private readonly List<CompiledPatch> _prepared = [];
    private CompiledPatch? _installed;
    private string _code;
    private CodePolicy _policy = CodePolicy.Default;
    private TimeSpan? _timeBudget = TimeSpan.FromSeconds(10);
    private int _maxRecursionDepth = 1_000;
    private TimeSpan _compileTimeLimit = TimeSpan.FromSeconds(10);

    internal CodeParameter(CodeMember member, string name)
        : this(member, name, PatchCompiler.Signature((Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax)Microsoft.CodeAnalysis.CSharp.SyntaxFactory.ParseMemberDeclaration(member.Source)!))
    {
    }

    private CodeParameter(CodeMember member, string name, string signature)
        : base(name, member.Description, ConstraintOf(member, signature))
    {
        Member = member;
        _code = member.Source;
        Signature = signature;
    }

    /// <inheritdoc />
    public override Type ValueType => typeof(string);

    /// <summary>The method's code as written in the project.</summary>
    public string OriginalCode => Member.Source;

    /// <summary>The signature every replacement must keep, such as <c>public bool WantsToBuy(string reply)</c>.</summary>
    public string Signature { get; }

    /// <summary>Whether calls run a replacement rather than the original code.</summary>
    public bool IsReplaced => Volatile.Read(ref _installed) is not null;

    /// <summary>How many replacements have been installed so far.</summary>
    public int Swaps { get; private set; }

    /// <summary>What replacement code may use. Default: <see cref="CodePolicy.Default"/> (no file system, processes, network, environment, reflection, unsafe code or threads).</summary>
    public CodePolicy Policy
    {
        get => _policy;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _policy = value;
            ForgetPrepared();
        }
    }

    /// <summary>
    /// How long one call of replacement code may run (recursive calls share it); exceeding it throws
    /// <see cref="CodeBudgetExceededException"/> at the next loop iteration or call. <see langword="null"/>: no limit.
    /// Default 10 seconds. Applies to replacements compiled after it is set.
    /// </summary>
    public TimeSpan? TimeBudget
    {
        get => _timeBudget;
        set
        {
            _timeBudget = value;
            ForgetPrepared();
        }
    }

    /// <summary>How deep replacement code may call itself before <see cref="CodeBudgetExceededException"/>. Default 1,000.</summary>
    public int MaxRecursionDepth
    {
        get => _maxRecursionDepth;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxRecursionDepth = value;
            ForgetPrepared();
        }
    }

    /// <summary>
    /// How long checking and compiling one suggestion may take; a suggestion that takes longer is rejected with a
    /// message naming this limit, which is feedback like any rejection. The compiler is cancelled at the limit; the
    /// caller waits at most 2 seconds more for it to stop. Default 10 seconds. Size and nesting are limited before
    /// compiling (see <see cref="CodeLimits"/>). The first suggestion compiled against an assembly in a process waits first,
    /// outside this limit, for the compiler to be loaded and warmed once against that assembly's references.
    /// </summary>
    public TimeSpan CompileTimeLimit
    {
        get => _compileTimeLimit;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, TimeSpan.FromDays(1));
            _compileTimeLimit = value;
        }
    }

    internal CodeMember Member { get; }

    internal override Opto.Interception.TrainableMember DeclaredBy => Member;

    internal override bool IsCode => true;

    private protected override object? BoxedValue => Volatile.Read(ref _code);

    /// <summary>Goes back to the original code.</summary>
    public void Reset() => SetValue(OriginalCode);

    /// <inheritdoc />
    internal override string? Prepare(object? value, CancellationToken cancellationToken = default) =>
        value is string code ? CompileAndCheck(code, cancellationToken) : $"The code of {Name} must be text.";

    /// <summary>
    /// Compiles the code and checks it against the policy, keeping the result for a later
    /// <see cref="ParameterNode.SetValue"/>; returns what is wrong, or <see langword="null"/>.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while compiling.</exception>
    internal string? CompileAndCheck(string code, CancellationToken cancellationToken = default)
    {
        if (IsOriginal(code)) return null;
        lock (_lock)
        {
            if (Find(code) is not null) return null;
        }

        var (patch, problem) = PatchCompiler.Compile(this, code, cancellationToken);
        if (patch is null) return problem;
        lock (_lock)
        {
            _prepared.Add(patch);
            while (_prepared.Count > PreparedKept)
            {
                _prepared[0].Context.Unload();
                _prepared.RemoveAt(0);
            }
        }

        return null;
    }

    private protected override void Write(object? value)
    {
        var code = (string)value!;
        if (IsOriginal(code))
        {
            Install(null, Member.Source);
            ForgetPrepared();
            return;
        }

        if (CompileAndCheck(code) is { } problem) throw new CodeRejectedException(problem);
        CompiledPatch patch;
        lock (_lock)
        {
            patch = Find(code) ?? throw new InvalidOperationException("A compiled replacement disappeared before it was installed.");
            _prepared.Remove(patch);
        }

        Install(patch, patch.Code);
    }

    private void Install(CompiledPatch? patch, string code)
    {
        CompiledPatch? previous;
        lock (_lock)
        {
            if (patch is not null) PatchLocations.Register(patch.FilePath, Name, patch.ToCodeLine, patch.Code);
            Member.Slot.Install(patch?.Implementation);
            previous = _installed;
            Volatile.Write(ref _installed, patch);
            Volatile.Write(ref _code, code);
            if (patch is not null) Swaps++;
        }

        // Calls still running the previous replacement finish; the context is collected after them.
        previous?.Context.Unload();
    }

    // Prepared patches were checked and compiled under the settings of their time; a change of settings voids them.
    private void ForgetPrepared()
    {
        lock (_lock)
        {
            foreach (var prepared in _prepared) prepared.Context.Unload();
            _prepared.Clear();
        }
    }

    private CompiledPatch? Find(string code)
    {
        var normalized = Normalize(code);
        return _prepared.Find(p => Normalize(p.Code) == normalized);
    }

    private bool IsOriginal(string code) => Normalize(code) == Normalize(Member.Source);

    private static string Normalize(string code) => code.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    private static string ConstraintOf(CodeMember member, string signature)
    {
        var rule = $"C# code: one method declaration whose signature stays exactly `{signature}`; change only the body.";
        return member.Constraint is { } user ? $"{rule} {user}" : rule;
    }
}
