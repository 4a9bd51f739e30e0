namespace Opto.Code.Compiling;

/// <summary>A replacement that compiled, passed the policy and is loaded, ready to be installed.</summary>
internal sealed class CompiledPatch(string code, Delegate implementation, PatchLoadContext context, string filePath, Func<int, int> toCodeLine)
{
    /// <summary>The code as the model wrote it.</summary>
    public string Code { get; } = code;

    public Delegate Implementation { get; } = implementation;

    public PatchLoadContext Context { get; } = context;

    /// <summary>The file name stack traces show for the patch.</summary>
    public string FilePath { get; } = filePath;

    /// <summary>Maps a line of the compiled patch to the line of <see cref="Code"/>.</summary>
    public Func<int, int> ToCodeLine { get; } = toCodeLine;
}
