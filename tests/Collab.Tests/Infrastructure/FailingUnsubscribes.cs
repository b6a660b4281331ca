using Collab.Grains.Abstractions.Live;

namespace Collab.Tests.Infrastructure;

/// <summary>
/// An Orleans grain call filter that makes the feed grain of chosen scopes refuse unsubscribing, as a feed
/// grain on a silo in trouble would: a real failed grain call on the web node's real cleanup path.
/// </summary>
public sealed class FailingUnsubscribes : IIncomingGrainCallFilter
{
    private readonly HashSet<string> _scopes = [];
    private int _failures;

    /// <summary>How many unsubscribe calls were made to fail so far.</summary>
    public int Failures => Volatile.Read(ref _failures);

    public void Fail(string scope)
    {
        lock (_scopes) _scopes.Add(scope);
    }

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod.DeclaringType == typeof(IScopeFeedGrain) && context.MethodName == nameof(IScopeFeedGrain.Unsubscribe))
        {
            bool fail;
            lock (_scopes) fail = _scopes.Contains(context.TargetId.Key.ToString()!);
            if (fail)
            {
                Interlocked.Increment(ref _failures);
                throw new InvalidOperationException($"Unsubscribing from {context.TargetId.Key} fails in this test.");
            }
        }
        return context.Invoke();
    }
}
