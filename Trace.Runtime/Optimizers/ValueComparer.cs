namespace Opto.Optimizers;

/// <summary>Compares parameter values as the model sees them: collections and records by content.</summary>
internal static class ValueComparer
{
    public static bool Same(object? left, object? right, Type type) =>
        Equals(left, right) || ValueJson.Format(left, type) == ValueJson.Format(right, type);
}
