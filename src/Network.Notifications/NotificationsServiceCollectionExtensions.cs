using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Network.Domain.Notifications;
using Network.Notifications.Smtp;

namespace Network.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>
    /// The <see cref="IEmailSender"/> of the host: <see cref="SmtpEmailSender"/> when <c>Notifications:Smtp:Host</c> is
    /// set (its settings checked now, so a mistake stops the host at start with the setting's name), else the domain's
    /// <see cref="DisabledEmailSender"/> (e-mail off, the inbox still works).
    /// </summary>
    public static IServiceCollection AddEmailNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SmtpOptions.Section);
        var smtp = section.Get<SmtpOptions>() ?? new SmtpOptions();
        services.AddOptions<SmtpOptions>().Bind(section);
        if (!smtp.IsEnabled)
        {
            services.AddSingleton<IEmailSender, DisabledEmailSender>();
            return services;
        }
        smtp.Validate();
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        return services;
    }
}
