namespace Collab.Replay.Replay;

/// <summary>One step of a <see cref="DeliverySchedule"/>: <paramref name="Agent"/> does <paramref name="Action"/> about a transaction (its trace index).</summary>
public readonly record struct DeliveryStep(DeliveryAction Action, int Agent, int Transaction);
