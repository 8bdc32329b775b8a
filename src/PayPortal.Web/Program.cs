using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.Extensions.Options;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Auditing;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Email;
using PayPortal.Infrastructure.Identity;
using PayPortal.Web.Accounts;
using PayPortal.Web.Payments;
using PayPortal.Web.Security;
using PayPortal.Web.Startup;

var builder = WebApplication.CreateBuilder(args);
var config = builder.Configuration;

var databasePath = config["PayPortal:DatabasePath"] is { Length: > 0 } path ? path : DataPaths.DefaultDatabasePath;
builder.Services.AddPayPortalData(config.GetConnectionString("PayPortal") ?? DataPaths.SqliteConnectionString(databasePath));
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<IActor, HttpContextActor>();
builder.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section)
    .PostConfigure(o => o.RequireTwoFactorForStaff ??= !builder.Environment.IsDevelopment());
builder.Services.AddOptions<CompanyOptions>().BindConfiguration(CompanyOptions.Section).ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<CompanyOptions>, CompanyOptionsValidator>();
builder.Services.AddTransient<IEmailSender, IdentityEmailSender>();
builder.Services.AddScoped<ContactInvitations>();
builder.Services.AddPayPortalPayments(builder.Environment.IsProduction());
builder.Services.AddHostedService<PayPortal.Web.Email.OutboxWorker>();
builder.Services.AddHostedService<PayPortal.Web.Email.PlanMonitorWorker>();
builder.Services.AddHostedService<PayPortal.Web.Email.DunningWorker>();
builder.Services.AddOptions<PayPortal.Infrastructure.Collections.CollectionsOptions>().BindConfiguration(PayPortal.Infrastructure.Collections.CollectionsOptions.Section);
builder.Services.AddOptions<PayPortal.Infrastructure.Invoicing.InvoicingOptions>().BindConfiguration(PayPortal.Infrastructure.Invoicing.InvoicingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<PayPortal.Infrastructure.Plans.PlanOptions>().BindConfiguration(PayPortal.Infrastructure.Plans.PlanOptions.Section);
builder.Services.AddOptions<PayPortal.Infrastructure.Notices.PortalLinkOptions>().BindConfiguration("PayPortal");
builder.Services.AddOptions<PayPortal.Infrastructure.Reporting.ReportingOptions>().BindConfiguration(PayPortal.Infrastructure.Reporting.ReportingOptions.Section).ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<PayPortal.Infrastructure.Reporting.ReportingOptions>, PayPortal.Infrastructure.Reporting.ReportingOptionsValidator>();
builder.Services.AddOptions<PayPortal.Infrastructure.CashApplication.BankingOptions>().BindConfiguration(PayPortal.Infrastructure.CashApplication.BankingOptions.Section);

builder.Services.AddDefaultIdentity<AppUser>(DependencyInjection.ConfigureIdentity)
    .AddRoles<IdentityRole>()
    .AddEntityFrameworkStores<PayPortalDbContext>()
    .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>();
// An invitation link stays valid for a few days, long enough to reach a busy AP clerk.
builder.Services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(3));
builder.Services.AddDataProtection()
    .SetApplicationName("PayPortal")
    .PersistKeysToFileSystem(new DirectoryInfo(config["PayPortal:KeysDirectory"] is { Length: > 0 } keys ? keys : Path.Combine(DataPaths.DefaultDataDirectory, "keys")));
builder.Services.ConfigureApplicationCookie(o =>
{
    o.LoginPath = "/Identity/Account/Login";
    o.AccessDeniedPath = "/Identity/Account/AccessDenied";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
});

builder.Services.AddAuthorizationBuilder()
    .AddPolicy(Policies.Portal, p => p.RequireRole(Roles.Customer).RequireClaim(PayPortalClaims.CustomerId))
    .AddPolicy(Policies.BackOffice, p => p.RequireRole([.. Roles.BackOffice]))
    .AddPolicy(Policies.Manager, p => p.RequireRole([.. Roles.MoneyDestructive]))
    .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));

builder.Services.AddRazorPages(o =>
{
    o.Conventions.AuthorizeAreaFolder("Portal", "/", Policies.Portal);
    o.Conventions.AuthorizeAreaFolder("BackOffice", "/", Policies.BackOffice);
    o.Conventions.AddAreaFolderApplicationModelConvention("BackOffice", "/", m => m.Filters.Add(new RequireStaffTwoFactorFilter()));
});
builder.Services.AddAntiforgery(o => o.HeaderName = "RequestVerificationToken");

var app = builder.Build();

await FirstRun.PrepareDatabaseAsync(app);

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/Status/{0}");
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.MapRazorPages();
app.MapStripeEndpoints();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
