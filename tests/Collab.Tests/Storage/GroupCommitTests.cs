using Collab.Hosting.Storage;

namespace Collab.Tests.Storage;

/// <summary>The queue behind the SQLite store's group commit, with a writer the test holds and releases.</summary>
public sealed class GroupCommitTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Writes_that_arrive_while_a_batch_is_written_go_together_into_the_next_batch()
    {
        var batches = new List<IReadOnlyList<int>>();
        var firstEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var queue = new GroupCommit<int>(async items =>
        {
            lock (batches) batches.Add(items);
            if (items.Contains(1))
            {
                firstEntered.SetResult();
                await releaseFirst.Task;
            }
            return new Exception?[items.Count];
        }, maxBatch: 100);

        var first = queue.WriteAsync(1);
        await firstEntered.Task.WaitAsync(Deadline);
        var waiting = Enumerable.Range(2, 4).Select(queue.WriteAsync).ToList();
        Assert.All(waiting, w => Assert.False(w.IsCompleted));
        releaseFirst.SetResult();
        await Task.WhenAll([first, .. waiting]).WaitAsync(Deadline);

        Assert.Equal([[1], [2, 3, 4, 5]], batches.Select(b => b.ToArray()));
    }

    [Fact]
    public async Task A_write_into_an_idle_queue_is_written_by_its_caller_at_once()
    {
        var callerThread = Environment.CurrentManagedThreadId;
        var writerThread = -1;
        var queue = new GroupCommit<int>(items =>
        {
            writerThread = Environment.CurrentManagedThreadId;
            return Task.FromResult<IReadOnlyList<Exception?>>(new Exception?[items.Count]);
        }, maxBatch: 100);

        var write = queue.WriteAsync(1);

        Assert.True(write.IsCompletedSuccessfully);
        Assert.Equal(callerThread, writerThread);
        await write;
    }

    [Fact]
    public async Task Each_caller_gets_its_own_outcome_from_a_shared_batch()
    {
        var refused = new InvalidOperationException("item 3 refused");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var queue = new GroupCommit<int>(async items =>
        {
            await gate.Task;
            return items.Select(i => i == 3 ? refused : null).ToList();
        }, maxBatch: 100);

        var writes = Enumerable.Range(1, 5).Select(queue.WriteAsync).ToList();
        gate.SetResult();

        Assert.Same(refused, await Assert.ThrowsAsync<InvalidOperationException>(() => writes[2].WaitAsync(Deadline)));
        await Task.WhenAll(writes.Where((_, i) => i != 2)).WaitAsync(Deadline);
    }

    [Fact]
    public async Task A_batch_that_fails_fails_every_caller_in_it_and_later_writes_still_go_through()
    {
        var broken = new IOException("disk unplugged");
        var blockerEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseBlocker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var written = new List<int>();
        var queue = new GroupCommit<int>(async items =>
        {
            if (items.Contains(0))
            {
                blockerEntered.SetResult();
                await releaseBlocker.Task;
            }
            if (items.Contains(2)) throw broken;
            lock (written) written.AddRange(items);
            return new Exception?[items.Count];
        }, maxBatch: 100);

        var blocker = queue.WriteAsync(0);
        await blockerEntered.Task.WaitAsync(Deadline);
        var failing = Enumerable.Range(1, 3).Select(queue.WriteAsync).ToList();
        releaseBlocker.SetResult();
        foreach (var write in failing) Assert.Same(broken, await Assert.ThrowsAsync<IOException>(() => write.WaitAsync(Deadline)));
        await blocker.WaitAsync(Deadline);
        await queue.WriteAsync(4).WaitAsync(Deadline);

        Assert.Equal([0, 4], written);
    }

    [Fact]
    public async Task A_batch_holds_at_most_the_maximum_and_the_rest_follow_in_order()
    {
        var batches = new List<int[]>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var queue = new GroupCommit<int>(async items =>
        {
            await gate.Task;
            lock (batches) batches.Add(items.ToArray());
            return new Exception?[items.Count];
        }, maxBatch: 2);

        var writes = Enumerable.Range(1, 5).Select(queue.WriteAsync).ToList();
        gate.SetResult();
        await Task.WhenAll(writes).WaitAsync(Deadline);

        Assert.Equal(Enumerable.Range(1, 5), batches.SelectMany(b => b));
        Assert.All(batches, b => Assert.InRange(b.Length, 1, 2));
    }
}
