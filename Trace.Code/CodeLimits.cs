using System.Globalization;

namespace Opto.Code;

/// <summary>
/// The limits on the size and shape of replacement code, checked by a linear scan of the text before the compiler
/// sees it, so that no suggestion can keep the compiler busy for long or exhaust its stack. Each is generous for a
/// real method; code beyond one is rejected with a message that names the limit and the value found, which is feedback
/// for the model like any other rejection. The compile itself is bounded by <see cref="CodeParameter.CompileTimeLimit"/>.
/// </summary>
public static class CodeLimits
{
    /// <summary>The longest replacement, in characters: 65,536 (64 KB of ASCII).</summary>
    public const int MaxLength = 65_536;

    /// <summary>The most lines a replacement may have: 2,000.</summary>
    public const int MaxLines = 2_000;

    /// <summary>
    /// How deep brackets may nest: <c>()</c>, <c>[]</c>, <c>{}</c> and the angle brackets of generic type arguments
    /// together (brackets inside comments and ordinary string literals are not counted): 64.
    /// </summary>
    public const int MaxNestingDepth = 64;

    /// <summary>
    /// How deep lambdas (<c>=&gt;</c>) may nest inside one another, counting an expression-bodied method or local
    /// function and switch-expression arms as one level each: 12. Binding lambdas nested in overloaded calls takes time that grows
    /// steeply with depth (15 levels of <c>string.Concat(text.Select(c =&gt; ...))</c> take longer than 10 seconds).
    /// </summary>
    public const int MaxLambdaDepth = 12;

    /// <summary>What limit <paramref name="code"/> exceeds, as feedback, or <see langword="null"/>.</summary>
    internal static string? Problem(string name, string code)
    {
        var rejected = $"The replacement for {name} was rejected:";
        if (code.Length > MaxLength)
        {
            return $"{rejected} it is {N(code.Length)} characters long; the limit is {N(MaxLength)} characters (CodeLimits.MaxLength). Send a shorter method.";
        }

        var scan = Scan(code);
        if (scan.Lines > MaxLines)
        {
            return $"{rejected} it has {N(scan.Lines)} lines; the limit is {N(MaxLines)} lines (CodeLimits.MaxLines). Send a shorter method.";
        }

        if (scan.Depth > MaxNestingDepth)
        {
            return $"{rejected} its brackets nest {N(scan.Depth)} levels deep (line {N(scan.DepthLine)}); the limit is {N(MaxNestingDepth)} levels (CodeLimits.MaxNestingDepth). " +
                   "Use local variables or helper local functions instead of deeply nested expressions.";
        }

        if (scan.LambdaDepth > MaxLambdaDepth)
        {
            return $"{rejected} its lambdas nest {N(scan.LambdaDepth)} levels deep (line {N(scan.LambdaLine)}); the limit is {N(MaxLambdaDepth)} levels (CodeLimits.MaxLambdaDepth). " +
                   "Use local variables or local functions instead of deeply nested lambdas.";
        }

        return null;
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private readonly record struct Result(int Lines, int Depth, int DepthLine, int LambdaDepth, int LambdaLine);

    // One pass over the text. Comments, character literals and the text of strings are skipped; the holes of
    // interpolated strings are code. The text of interpolated raw strings ($"""...""") is scanned like code, which
    // can only miss nesting hidden behind closing brackets in it: the compiler also runs on a thread whose stack is
    // large enough for anything that fits in MaxLength.
    private static Result Scan(string code)
    {
        var frames = new Stack<Frame>();
        var strings = new Stack<bool>(); // interpolated strings whose hole is open: verbatim or not
        var frame = default(Frame);
        int lines = 1, depth = 0, angles = 0, arrows = 0;
        int maxDepth = 0, depthLine = 0, maxArrows = 0, arrowLine = 0;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            var next = i + 1 < code.Length ? code[i + 1] : '\0';
            switch (c)
            {
                case '\n':
                    lines++;
                    break;
                case '/' when next == '/':
                    while (i + 1 < code.Length && code[i + 1] != '\n') i++;
                    break;
                case '/' when next == '*':
                    i += 2;
                    while (i < code.Length && !(code[i] == '*' && i + 1 < code.Length && code[i + 1] == '/'))
                    {
                        if (code[i] == '\n') lines++;
                        i++;
                    }

                    i++;
                    break;
                case '\'':
                    // 'x', '\n', '\u0041': at most a few characters up to the closing quote on the same line.
                    for (var j = i + 1; j < code.Length && j <= i + 10 && code[j] != '\n'; j++)
                    {
                        if (code[j] == '\\') { j++; continue; }
                        if (code[j] == '\'') { i = j; break; }
                    }

                    break;
                case '"':
                    var (end, hole, verbatim) = SkipString(code, i, ref lines);
                    i = end;
                    if (hole) OpenHole(verbatim);
                    break;
                case '(' or '[' or '{':
                    Open(isHole: false);
                    break;
                case ')' or ']' or '}':
                    if (frames.Count == 0) break;
                    var wasHole = frame.IsHole;
                    angles -= frame.Angles;
                    arrows -= frame.Arrows;
                    frame = frames.Pop();
                    depth--;
                    if (wasHole)
                    {
                        // Back in the text of the interpolated string: on to its next hole or its end.
                        var isVerbatim = strings.Pop();
                        var (stringEnd, nextHole, _) = SkipText(code, i + 1, isVerbatim, ref lines);
                        i = stringEnd;
                        if (nextHole) OpenHole(isVerbatim);
                    }

                    break;
                case '<' when next is '<' or '=':
                    i++;
                    break;
                case '<' when i > 0 && (char.IsLetterOrDigit(code[i - 1]) || code[i - 1] == '_'):
                    frame.Angles++;
                    angles++;
                    Track(depth + angles, ref maxDepth, ref depthLine, lines);
                    break;
                case '>' when next == '=':
                    i++;
                    break;
                case '>' when frame.Angles > 0:
                    frame.Angles--;
                    angles--;
                    break;
                case '=' when next == '>':
                    i++;
                    frame.Arrows++;
                    arrows++;
                    Track(arrows, ref maxArrows, ref arrowLine, lines);
                    break;
                case ';' or ',':
                    // A lambda's expression body ends here; a comparison's `<` cannot reach past `;`.
                    arrows -= frame.Arrows;
                    frame.Arrows = 0;
                    if (c == ';')
                    {
                        angles -= frame.Angles;
                        frame.Angles = 0;
                    }

                    break;
                case '&' or '|' when next == c:
                    // `a < b && c`: no type argument list holds && or ||.
                    i++;
                    angles -= frame.Angles;
                    frame.Angles = 0;
                    break;
            }
        }

        return new Result(lines, maxDepth, depthLine, maxArrows, arrowLine);

        void Open(bool isHole)
        {
            frames.Push(frame);
            frame = new Frame { IsHole = isHole };
            depth++;
            Track(depth + angles, ref maxDepth, ref depthLine, lines);
        }

        void OpenHole(bool verbatim)
        {
            strings.Push(verbatim);
            Open(isHole: true);
        }
    }

    private struct Frame
    {
        public int Angles;
        public int Arrows;
        public bool IsHole;
    }

    private static void Track(int value, ref int max, ref int line, int currentLine)
    {
        if (value <= max) return;
        max = value;
        line = currentLine;
    }

    // Skips a string starting at the quote at i: returns the index of its closing quote, or of the `{` that opens an
    // interpolation hole (Hole). An interpolated raw string is left to the scan (returns i).
    private static (int End, bool Hole, bool Verbatim) SkipString(string code, int i, ref int lines)
    {
        bool verbatim = false, interpolated = false;
        for (var j = i - 1; j >= 0 && code[j] is '@' or '$'; j--)
        {
            if (code[j] == '$') interpolated = true;
            else verbatim = true;
        }

        if (i + 2 < code.Length && code[i + 1] == '"' && code[i + 2] == '"')
        {
            if (interpolated) return (i + 2, false, false);
            var quotes = 3;
            while (i + quotes < code.Length && code[i + quotes] == '"') quotes++;
            var close = code.IndexOf(new string('"', quotes), i + quotes, StringComparison.Ordinal);
            var end = close < 0 ? code.Length : close + quotes - 1;
            for (var j = i; j < end && j < code.Length; j++)
            {
                if (code[j] == '\n') lines++;
            }

            return (end, false, false);
        }

        if (!interpolated)
        {
            var (end, _, _) = SkipText(code, i + 1, verbatim, ref lines, holes: false);
            return (end, false, verbatim);
        }

        return SkipText(code, i + 1, verbatim, ref lines);
    }

    // Skips string text from `start`: returns the index of the closing quote, or of a hole's `{`.
    private static (int End, bool Hole, bool Verbatim) SkipText(string code, int start, bool verbatim, ref int lines, bool holes = true)
    {
        for (var j = start; j < code.Length; j++)
        {
            var c = code[j];
            if (c == '\n')
            {
                if (!verbatim) return (j - 1, false, verbatim);
                lines++;
            }
            else if (c == '\\' && !verbatim)
            {
                j++;
            }
            else if (holes && c == '{')
            {
                if (j + 1 < code.Length && code[j + 1] == '{') { j++; continue; }
                return (j, true, verbatim);
            }
            else if (c == '"')
            {
                if (verbatim && j + 1 < code.Length && code[j + 1] == '"') { j++; continue; }
                return (j, false, verbatim);
            }
        }

        return (code.Length, false, verbatim);
    }
}
