using System;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Opto.Generators.Parsing;

/// <summary>Reads a member's XML doc summary as plain text, whether or not the build parses documentation comments.</summary>
internal static class DocSummary
{
    public static string? Of(ISymbol symbol, SyntaxNode declaration)
    {
        // A summary of plain text reads the same in the comment as in the compiler's XML, which costs far more to build.
        if (FromTrivia(declaration) is { } written && PlainSummary(written) is { } plainWritten) return plainWritten;

        var xml = symbol.GetDocumentationCommentXml();
        if (string.IsNullOrWhiteSpace(xml)) xml = FromTrivia(declaration);
        if (string.IsNullOrWhiteSpace(xml)) return null;
        if (PlainSummary(xml!) is { } plain) return plain;

        try
        {
            var root = XElement.Parse(xml!.Trim().StartsWith("<member", StringComparison.Ordinal) ? xml : $"<doc>{xml}</doc>");
            var summary = root.Descendants("summary").FirstOrDefault();
            return summary is null ? null : Normalize(Text(summary));
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    // Without /doc the compiler keeps '///' lines as plain comments; read them from the trivia ourselves.
    private static string? FromTrivia(SyntaxNode declaration)
    {
        var builder = new StringBuilder();
        foreach (var trivia in declaration.GetLeadingTrivia())
        {
            if (!trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) && !trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia)) continue;
            foreach (var line in trivia.ToFullString().Split('\n'))
            {
                var text = line.Trim();
                if (text.StartsWith("///", StringComparison.Ordinal)) builder.AppendLine(text.Substring(3));
            }
        }

        return builder.Length == 0 ? null : builder.ToString();
    }

    private static string Text(XElement element)
    {
        var builder = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText text:
                    builder.Append(text.Value);
                    break;
                case XElement { Name.LocalName: "see" or "seealso" } see:
                    var reference = (string?)see.Attribute("cref") ?? (string?)see.Attribute("langword") ?? (string?)see.Attribute("href") ?? see.Value;
                    builder.Append(ShortName(reference));
                    break;
                case XElement { Name.LocalName: "paramref" or "typeparamref" } paramRef:
                    builder.Append((string?)paramRef.Attribute("name"));
                    break;
                case XElement child:
                    builder.Append(Text(child));
                    break;
            }
        }

        return builder.ToString();
    }

    private static string ShortName(string reference)
    {
        var colon = reference.IndexOf(':');
        var name = colon == 1 ? reference.Substring(2) : reference;
        var paren = name.IndexOf('(');
        if (paren >= 0) name = name.Substring(0, paren);
        var dot = name.LastIndexOf('.');
        return dot >= 0 ? name.Substring(dot + 1) : name;
    }

    // Most summaries are one sentence of plain text: read without an XML parser, which costs more than the rest of a
    // traced method's reading. Anything with markup or entities goes through the parser.
    private static string? PlainSummary(string xml)
    {
        const string open = "<summary>", close = "</summary>";
        var start = xml.IndexOf(open, StringComparison.Ordinal);
        if (start < 0 || xml.IndexOf(open, start + open.Length, StringComparison.Ordinal) >= 0) return null;
        var end = xml.IndexOf(close, start, StringComparison.Ordinal);
        if (end < 0) return null;
        var inner = xml.Substring(start + open.Length, end - start - open.Length);
        return inner.IndexOf('<') >= 0 || inner.IndexOf('&') >= 0 ? null : Normalize(inner);
    }

    // Runs of spaces, tabs and line breaks become one space, none at either end; a summary already so is returned as it is.
    private static string Normalize(string text)
    {
        if (IsNormal(text)) return text;
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!IsSpace(c)) builder.Append(c);
            else if (builder.Length > 0 && builder[builder.Length - 1] != ' ') builder.Append(' ');
        }

        if (builder.Length > 0 && builder[builder.Length - 1] == ' ') builder.Length--;
        return builder.ToString();
    }

    private static bool IsNormal(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != ' ' && IsSpace(c)) return false;
            if (c == ' ' && (i == 0 || i == text.Length - 1 || text[i + 1] == ' ')) return false;
        }

        return true;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';
}
