using System.ComponentModel.DataAnnotations;
using MailKit.Security;
using PayPortal.Infrastructure.Adapters.Email;

namespace PayPortal.Infrastructure.Tests.Email;

public class SmtpOptionsTests
{
    [Theory]
    [InlineData("smtp.example.com", 465, SecureSocketOptions.SslOnConnect)]
    [InlineData("smtp.example.com", 587, SecureSocketOptions.StartTls)]
    [InlineData("smtp.example.com", 25, SecureSocketOptions.StartTls)]
    [InlineData("127.0.0.1", 25, SecureSocketOptions.None)]
    [InlineData("localhost", 2525, SecureSocketOptions.None)]
    [InlineData("localhost", 587, SecureSocketOptions.StartTls)]
    public void Auto_chooses_by_port_and_plain_text_only_on_loopback(string host, int port, SecureSocketOptions expected) =>
        Assert.Equal(expected, SmtpConnectionSecurity.Resolve(new SmtpOptions { Host = host, Port = port }));

    [Theory]
    [InlineData(SmtpSecurity.StartTls, SecureSocketOptions.StartTls)]
    [InlineData(SmtpSecurity.SslOnConnect, SecureSocketOptions.SslOnConnect)]
    public void An_explicit_choice_wins_over_the_port(SmtpSecurity security, SecureSocketOptions expected) =>
        Assert.Equal(expected, SmtpConnectionSecurity.Resolve(new SmtpOptions { Host = "127.0.0.1", Port = 25, Security = security }));

    [Fact]
    public void Plain_text_to_a_remote_host_is_refused_by_validation()
    {
        var remote = Validate(new SmtpOptions { Host = "smtp.example.com", Port = 25, Security = SmtpSecurity.None });
        Assert.Contains(remote, r => r.ErrorMessage!.Contains("only for a loopback host, not 'smtp.example.com'"));
        Assert.Empty(Validate(new SmtpOptions { Host = "::1", Port = 25, Security = SmtpSecurity.None }));
        Assert.Empty(Validate(new SmtpOptions { Security = SmtpSecurity.None })); // no host: the pickup folder
        Assert.Throws<InvalidOperationException>(() => SmtpConnectionSecurity.Resolve(new SmtpOptions { Host = "10.0.0.5", Security = SmtpSecurity.None }));
    }

    [Fact]
    public void The_give_up_window_defaults_to_three_days() => Assert.Equal(TimeSpan.FromDays(3), new SmtpOptions().GiveUpAfter);

    private static List<ValidationResult> Validate(SmtpOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
