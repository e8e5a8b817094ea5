using System.Globalization;
using Com.Overview;

namespace Com.Tests.WebFront;

[Trait("Category", "Unit")]
public sealed class ContextBoundEventTests
{
    [Fact]
    public async Task AHandler_RunsInTheCultureItSubscribedWith_WhenRaisedFromAThreadInAnother()
    {
        var changed = new ContextBoundEvent<Action>();
        var seen = new TaskCompletionSource<string>();
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr");
        changed.Add(() => seen.TrySetResult(CultureInfo.CurrentUICulture.Name));

        await Task.Run(() =>
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            changed.Raise(static handler => handler());
        });

        (await seen.Task).ShouldBe("fr", "the page re-renders in its user's language, not the raiser's");
    }

    [Fact]
    public void ARemovedHandler_IsNoLongerCalled()
    {
        var changed = new ContextBoundEvent<Action>();
        var calls = 0;
        Action handler = () => calls++;
        changed.Add(handler);
        changed.Remove(handler);

        changed.Raise(static h => h());

        calls.ShouldBe(0);
    }
}
