namespace Collab.Grains.Storage;

/// <summary>The new payload of a stored event or snapshot of a scope, named by its seq (see <see cref="IEventStore.RewriteAsync"/>).</summary>
public sealed record PayloadRewrite(long Seq, string Payload);
