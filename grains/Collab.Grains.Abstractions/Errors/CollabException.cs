namespace Collab.Grains.Abstractions.Errors;

/// <summary>
/// A domain rule said no. It crosses the Orleans wire as it is, so every entry point (HTTP, hub) reports the
/// grain's own words. A grain throws it before changing any state, so a refused command changes nothing.
/// </summary>
[GenerateSerializer, Alias("collab.error")]
public sealed class CollabException : Exception
{
    public CollabException(CollabErrorKind kind, string message, string? field = null)
        : base(message)
    {
        Kind = kind;
        Field = field;
    }

    [Id(0)] public CollabErrorKind Kind { get; private set; }

    /// <summary>The input field at fault, in the casing of the HTTP API (for example "name").</summary>
    [Id(1)] public string? Field { get; private set; }

    public static CollabException Invalid(string field, string message) => new(CollabErrorKind.Invalid, message, field);
    public static CollabException NotFound(string message) => new(CollabErrorKind.NotFound, message);
    public static CollabException Forbidden(string message) => new(CollabErrorKind.Forbidden, message);
    public static CollabException Conflict(string message) => new(CollabErrorKind.Conflict, message);
    public static CollabException LimitExceeded(string message) => new(CollabErrorKind.LimitExceeded, message);
    public static CollabException Unavailable(string message) => new(CollabErrorKind.Unavailable, message);
}
