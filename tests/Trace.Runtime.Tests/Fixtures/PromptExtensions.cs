using Opto;
using Trace.Runtime.Tests.Fixtures.OtherObjects;

namespace Trace.Runtime.Tests.Fixtures;

/// <summary>Traced members of C# 14 extension blocks, compiled by the SDK's compiler with the package's generator.</summary>
public static class PromptExtensions
{
    extension(PromptBook book)
    {
        /// <summary>A summary request in the book's words.</summary>
        [Traced]
        public string SummaryRequest(string text) => $"{book.SummaryInstruction} {text}";
    }

    extension(string text)
    {
        /// <summary>The text's words.</summary>
        [Traced]
        public int WordCount() => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

        /// <summary>A text of the given number of words.</summary>
        [Traced]
        public static string OfWords(int count) => string.Join(' ', Enumerable.Repeat("word", count));
    }

    extension(int count)
    {
        /// <summary>Twice the count.</summary>
        [Traced]
        public int Doubled() => count * 2;
    }
}
