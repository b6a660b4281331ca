namespace Collab.Replay.Replay;

/// <summary>What happens at one step of a <see cref="DeliverySchedule"/>.</summary>
public enum DeliveryAction
{
    /// <summary>The agent makes the transaction on its own copy (its client may hand the operation to the network at once).</summary>
    Edit,

    /// <summary>
    /// The agent takes the next revision from the server, which is the transaction's operation: its own (an
    /// acknowledgement, after which its client hands out the next waiting operation) or another agent's.
    /// </summary>
    Take,

    /// <summary>The agent's operation for the transaction reaches the server, which applies it as the next revision.</summary>
    Submit,
}
