using Collab.Grains.Abstractions.Activity;

namespace Collab.Tests.Infrastructure;

/// <summary>
/// An Orleans grain call filter that, once switched on, makes every call to an activity grain fail, as a dashboard
/// in trouble would: what reports activity must carry on exactly as before.
/// </summary>
public sealed class FailingActivity : IIncomingGrainCallFilter
{
    private volatile bool _failing;
    private int _failures;

    /// <summary>How many activity grain calls were made to fail so far.</summary>
    public int Failures => Volatile.Read(ref _failures);

    public void Start() => _failing = true;

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (_failing && context.InterfaceMethod.DeclaringType == typeof(IActivityGrain))
        {
            Interlocked.Increment(ref _failures);
            throw new InvalidOperationException($"The activity grain {context.TargetId.Key} fails in this test.");
        }
        return context.Invoke();
    }
}
