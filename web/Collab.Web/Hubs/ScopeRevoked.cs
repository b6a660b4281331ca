namespace Collab.Web.Hubs;

/// <summary>A connection was put out of a scope it may no longer read; <see cref="Reason"/> is the grain's own words.</summary>
public sealed record ScopeRevoked(string Scope, string Reason);
