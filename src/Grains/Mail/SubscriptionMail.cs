using Com.Grains.Interfaces.Customers;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Com.Grains.Mail;

/// <summary>Where customer systems connect, as the subscription e-mail tells their technical contact.</summary>
public sealed class SubscriptionMailOptions
{
    public const string Section = "Com:Devices";

    /// <summary>Host and port systems reach the device gateway at, e.g. <c>com.example.net:7443</c>.</summary>
    public string PublicAddress { get; set; } = "";
}

/// <summary>
/// The subscription e-mail (SPEC CUST-7): what a technician needs to connect the system, in English and French. The
/// service password is not sent: whoever set up the subscription has it, and mail is no place for it.
/// </summary>
public sealed class SubscriptionMail(SmtpMailer mailer, IOptions<SubscriptionMailOptions> options)
{
    public Task SendAsync(CustomerRecord customer, CancellationToken ct = default)
    {
        var address = string.IsNullOrWhiteSpace(options.Value.PublicAddress) ? $"{Environment.MachineName}:7443" : options.Value.PublicAddress;
        var message = new MimeMessage { Subject = $"COM subscription / abonnement COM — {customer.Name}" };
        message.To.Add(new MailboxAddress(customer.TechnicalContactName ?? "", customer.TechnicalContactEmail!));
        message.Body = new TextPart("plain")
        {
            Text = $"""
                Hello {customer.TechnicalContactName},

                {customer.Name} is subscribed to COM remote operations. To connect its system, enter these details
                in the system's remote-operations settings:

                  COM address:   {address}
                  Customer ID:   {customer.Id}
                  Service user:  {customer.ServiceUser}
                  Password:      the service password agreed for this subscription

                ----

                Bonjour {customer.TechnicalContactName},

                {customer.Name} est abonné aux opérations à distance COM. Pour connecter son système, saisissez
                ces informations dans ses réglages d'opérations à distance :

                  Adresse COM :             {address}
                  Identifiant client :      {customer.Id}
                  Utilisateur de service :  {customer.ServiceUser}
                  Mot de passe :            le mot de passe de service convenu pour cet abonnement
                """,
        };
        return mailer.SendAsync(message, ct);
    }
}
