using System.Net.Sockets;
using Com.Grains.Interfaces.Customers;
using Com.Grains.Interfaces.Preferences;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Com.Grains.Mail;

/// <summary>Sends mail through the SMTP server of the preferences (SPEC PREF-1); any failure becomes a refusal the page can show.</summary>
public sealed partial class SmtpMailer(IGrainFactory grains, ILogger<SmtpMailer> logger)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <exception cref="CustomerRejectedException">"SmtpNotConfigured", or "MailNotSent" when the server could not be reached or refused.</exception>
    public async Task SendAsync(MimeMessage message, CancellationToken ct = default)
    {
        var smtp = await grains.GetGrain<IServerPreferencesGrain>(IServerPreferencesGrain.Key).GetSmtpForSendingAsync()
            ?? throw new CustomerRejectedException("SmtpNotConfigured");
        message.From.Clear();
        message.From.Add(MailboxAddress.Parse(smtp.Sender));
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, SocketOptions(smtp.Security), ct);
            if (smtp.User is { } user)
                await client.AuthenticateAsync(user, smtp.Password ?? "", ct);
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(true, ct);
        }
        catch (Exception e) when (e is SocketException or IOException or SmtpCommandException or SmtpProtocolException
            or AuthenticationException or SslHandshakeException or ServiceNotConnectedException or TimeoutException or OperationCanceledException)
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
