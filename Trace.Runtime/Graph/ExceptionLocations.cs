namespace Opto;

/// <summary>
/// Where in code the optimizer may rewrite an exception was thrown ("at line 4 of the replacement code of ..."),
/// for exception nodes and values. The code package sets the locator once it has loaded replacement code.
/// </summary>
internal static class ExceptionLocations
{
    private static Func<Exception, string?>? s_locator;

    public static void Use(Func<Exception, string?> locator) => Volatile.Write(ref s_locator, locator);

    public static string? Describe(Exception exception) => Volatile.Read(ref s_locator)?.Invoke(exception);
}
