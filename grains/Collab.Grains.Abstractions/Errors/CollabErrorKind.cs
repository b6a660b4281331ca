namespace Collab.Grains.Abstractions.Errors;

/// <summary>The few kinds of domain error; the web layer maps each to one HTTP status and one hub error shape.</summary>
[GenerateSerializer, Alias("collab.error-kind")]
public enum CollabErrorKind
{
    /// <summary>The input is malformed or breaks a limit; <see cref="CollabException.Field"/> names the field.</summary>
    Invalid = 0,
    NotFound = 1,
    /// <summary>The acting member may not do this (role, membership, lock, authorship).</summary>
    Forbidden = 2,
    /// <summary>The request clashes with the current state (already exists, taken handle, last owner).</summary>
    Conflict = 3,
    /// <summary>A rate or size limit was reached; the same request may succeed later or smaller.</summary>
    LimitExceeded = 4,
    /// <summary>Storage did not answer (a database outage or restart); nothing was changed and the same request may be retried shortly.</summary>
    Unavailable = 5,
}
