namespace Com.Overview;

/// <summary>
/// The handlers of an event raised by a process-wide service, each run in the execution context it subscribed from.
/// A page subscribes from its circuit, whose context carries the user's culture; run in the raiser's context instead,
/// the page re-rendered its body in the process's default language under a menu still in French (dotnet/aspnetcore#28521).
/// </summary>
public sealed class ContextBoundEvent<THandler> where THandler : Delegate
{
    private readonly Lock gate = new();
    private readonly List<(THandler Handler, ExecutionContext? Context)> subscriptions = [];

    public void Add(THandler? handler)
    {
        if (handler is null)
            return;
        // Null when the subscriber suppressed the flow of its context: it then runs in the raiser's, as a plain event would.
        var context = ExecutionContext.Capture();
        lock (gate)
            subscriptions.Add((handler, context));
    }

    /// <summary>Removes the last subscription of <paramref name="handler"/>, as removing from a plain event does.</summary>
    public void Remove(THandler? handler)
    {
        lock (gate)
        {
            var last = subscriptions.FindLastIndex(s => s.Handler.Equals(handler));
            if (last >= 0)
                subscriptions.RemoveAt(last);
        }
    }

    public void Raise(Action<THandler> invoke)
    {
        (THandler Handler, ExecutionContext? Context)[] current;
        lock (gate)
            current = [.. subscriptions];
        foreach (var (handler, context) in current)
        {
            if (context is null)
                invoke(handler);
            else
                ExecutionContext.Run(context, _ => invoke(handler), null);
        }
    }
}
