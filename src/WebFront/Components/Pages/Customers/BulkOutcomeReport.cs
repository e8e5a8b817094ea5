using Com.WebFront.Customers;
using Com.WebFront.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Com.WebFront.Components.Pages.Customers;

/// <summary>How the customer list tells the user what an action over several customers did: one line for those done, one for those refused and why.</summary>
public static class BulkOutcomeReport
{
    public static void Show(ISnackbar snackbar, IStringLocalizer<Strings> localizer, BulkOutcome outcome, string doneKey)
    {
        ArgumentNullException.ThrowIfNull(snackbar);
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Done > 0)
            snackbar.Add(localizer[doneKey, outcome.Done], Severity.Success);
        if (outcome.Refused > 0)
            snackbar.Add(localizer["ActionRefused", outcome.Refused, localizer[outcome.Reason ?? "NotAllowed"]], Severity.Error);
    }
}
