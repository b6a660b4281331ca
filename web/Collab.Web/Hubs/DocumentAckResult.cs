using System.Text.Json;
using Collab.Grains.Abstractions.Documents;

namespace Collab.Web.Hubs;

/// <summary>The client's operation became <see cref="Revision"/>; <see cref="Op"/> is how it was applied (transformed).</summary>
public sealed record DocumentAckResult(string DocumentId, long Revision, JsonElement Op, string ClientOpId)
{
    public static DocumentAckResult From(DocumentAck ack) =>
        new(ack.DocumentId, ack.Revision, JsonSerializer.Deserialize<JsonElement>(ack.Op), ack.ClientOpId);
}
