using Microsoft.AspNetCore.Authorization;

namespace PayPortal.Web.Areas.Identity.Pages.Account;

[AllowAnonymous]
public class ConfirmEmailChangeModel : PayPortal.Web.Areas.Identity.Pages.Account.NotOfferedPageModel;
