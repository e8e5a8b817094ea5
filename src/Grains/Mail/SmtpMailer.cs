using Com.Grains.Interfaces.Customers;
using Com.Grains.Interfaces.Preferences;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Com.Grains.Mail;

/// <summary>Sends mail through the SMTP server of the preferences (SPEC PREF-1); any failure becomes a refusal the page can show.</summary>
public sealed partial class SmtpMailer(IGrainFactory grains, ILogger<SmtpMailer> logger)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>The whole send, well inside Orleans' 30 s call timeout, so a slow server is reported, not timed out.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    /// <exception cref="CustomerRejectedException">"SmtpNotConfigured", or "MailNotSent" when the server could not be reached or refused.</exception>
    public async Task SendAsync(MimeMessage message, CancellationToken ct = default)
    {
        var smtp = await grains.GetGrain<IServerPreferencesGrain>(IServerPreferencesGrain.Key).GetSmtpForSendingAsync()
            ?? throw new CustomerRejectedException("SmtpNotConfigured");
        message.From.Clear();
        message.From.Add(MailboxAddress.Parse(smtp.Sender));
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(Budget);
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, SocketOptions(smtp.Security), budget.Token);
            if (smtp.User is { } user)
                await client.AuthenticateAsync(user, smtp.Password ?? "", budget.Token);
            await client.SendAsync(message, budget.Token);
            await client.DisconnectAsync(true, budget.Token);
        }
        // Whatever the server or the network did (including a server offering no sign-in at all), the page shows one message.
        catch (Exception e)
        {
            LogNotSent(smtp.Host, smtp.Port, e.Message);
            throw new CustomerRejectedException("MailNotSent");
        }
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.None,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail through {Host}:{Port} not sent: {Reason}")]
    private partial void LogNotSent(string host, int port, string reason);
}
