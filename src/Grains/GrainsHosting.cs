using Com.Storage.Audit;
using Com.Storage.Files;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Com.Grains;

public static class GrainsHosting
{
    /// <summary>Services COM's grains depend on, whichever host runs them (silo or test cluster).</summary>
    public static ISiloBuilder AddComGrains(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<SecurityAuditLog>();
        silo.Services.TryAddSingleton<Com.Storage.Alarms.AlarmStore>();
        silo.Services.TryAddSingleton<Com.Storage.Customers.CustomerNameStore>();
        silo.Services.TryAddSingleton<Com.Storage.Customers.CustomerRowStore>();
        silo.Services.TryAddSingleton<Com.Storage.Jobs.JobStore>();
        silo.Services.TryAddSingleton<Com.Storage.RemoteSupport.ProxyAccountStore>();
        silo.Services.TryAddSingleton<Com.Storage.RemoteSupport.TunnelSessionStore>();
        silo.Services.AddComFileStore();
        silo.Services.TryAddSingleton<Accounts.SecurityClock>();
        silo.Services.TryAddSingleton<Customers.ActionClock>();
        silo.Services.TryAddSingleton<Mail.SmtpMailer>();
        silo.Services.TryAddSingleton<Mail.SubscriptionMail>();
        silo.Services.AddOptions<Jobs.JobOptions>().BindConfiguration(Jobs.JobOptions.Section).ValidateDataAnnotations();
        silo.Services.TryAddSingleton<Commands.CommandRun>();
        silo.Services.TryAddSingleton<Backups.SystemBackup>();
        silo.Services.AddSingleton<Jobs.IJobOperation, Backups.BackupOperation>();
        silo.Services.AddSingleton<Jobs.IJobOperation, Backups.AutomaticBackupOperation>();
        silo.Services.AddOptions<Backups.Nightly.NightlyBackupOptions>().BindConfiguration(Backups.Nightly.NightlyBackupOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        silo.AddStartupTask<Backups.Nightly.NightlyBackupStart>();
        silo.Services.AddSingleton<Jobs.IJobOperation, Backups.RestoreOperation>();
        // First, so that it wraps every other filter and the database's exceptions never leave the silo as they are.
        silo.AddIncomingGrainCallFilter<Storage.DatabaseFailureFilter>();
        return silo;
    }
}
