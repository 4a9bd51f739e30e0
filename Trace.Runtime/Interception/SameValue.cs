using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Opto.Interception;

/// <summary>
/// Whether a value passed on is the very one a traced call produced, decided without running the program's code: an object
/// by its identity; a value of the framework's own types (numbers, dates, a tuple of them) as the type compares it; any
/// other struct by its bytes (its own <c>Equals</c> could do anything, or throw, where the call untraced would run none).
/// </summary>
internal static class SameValue
{
    public static bool Is<T>(T produced, T value)
    {
        if (!typeof(T).IsValueType) return ReferenceEquals(produced, value);
        if (Plain<T>.Is) return EqualityComparer<T>.Default.Equals(produced, value);
        return Bytes(ref produced).SequenceEqual(Bytes(ref value));
    }

    // A struct copied unchanged is copied byte for byte (references included, which compare as identities).
    private static ReadOnlySpan<byte> Bytes<T>(ref T value) => MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, byte>(ref value), Unsafe.SizeOf<T>());

    private static class Plain<T>
    {
        public static readonly bool Is = IsPlain(typeof(T));
    }

    // The framework's value types whose comparison runs only the framework's code: generic ones only over such types or strings.
    private static bool IsPlain(Type type)
    {
        if (type.IsPrimitive || type.IsEnum || type == typeof(string)) return true;
        if (!type.IsValueType || type.Assembly != typeof(object).Assembly) return false;
        return !type.IsGenericType || type.GetGenericArguments().All(IsPlain);
    }
}
