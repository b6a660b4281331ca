namespace Collab.Web.Hubs;

/// <summary>
/// Why a new connection is refused, in the hub's error shape (<see cref="Kind"/> is a <c>CollabErrorKind</c>
/// name); the server closes the connection right after.
/// </summary>
public sealed record ConnectionRefused(string Kind, string Detail);
