using PayPortal.Web.Accounts;

namespace PayPortal.Web.Tests.Accounts;

public class IdentityEmailSenderTests
{
    [Fact]
    public void The_text_part_keeps_links_as_text_and_url_and_drops_markup() =>
        Assert.Equal("Please reset your password by clicking here (https://x.test/reset?code=a&b=1).",
            IdentityEmailSender.ToText("Please reset your password by <a href='https://x.test/reset?code=a&amp;b=1'>clicking here</a>."));
}
