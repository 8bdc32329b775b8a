using Microsoft.AspNetCore.Authorization;

namespace PayPortal.Web.Areas.Identity.Pages.Account.Manage;

[AllowAnonymous]
public class DownloadPersonalDataModel : PayPortal.Web.Areas.Identity.Pages.Account.NotOfferedPageModel;
