namespace Collab.Tests.Security;

/// <summary>
/// One hostile or malformed request and the refusal it must get. Paths, bodies and hub arguments may name
/// parts of the <see cref="SecurityWorld"/> in braces ({privateThread}, {ownerComment}, …).
/// </summary>
/// <param name="As">Who sends it: "attacker", "owner", or a token kind of <see cref="TokenTests"/> ("none", "expired", …).</param>
/// <param name="Expect">HTTP status code, or for the hub the error kind ("Invalid", "Forbidden", …).</param>
public sealed record BadInputCase(string Name, string Channel, string Method, string Target, string? Body, string As, string Expect)
{
    public static BadInputCase Http(string name, string method, string path, string? body, int status, string @as = "attacker") =>
        new(name, "http", method, path, body, @as, status.ToString());

    /// <summary>A hub invocation; <paramref name="args"/> is a JSON array of the method's arguments.</summary>
    public static BadInputCase Hub(string name, string method, string args, string kind, string @as = "attacker") =>
        new(name, "hub", method, "", args, @as, kind);

    public override string ToString() => Name;
}
