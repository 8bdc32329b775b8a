using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.UI.Services;
using PayPortal.Infrastructure;
using PayPortal.Infrastructure.Adapters.Stripe;
using PayPortal.Infrastructure.Auditing;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Identity;
using PayPortal.Web.Accounts;
using PayPortal.Web.Health;
using PayPortal.Web.Logging;
using PayPortal.Web.Payments;
using PayPortal.Web.Security;
using PayPortal.Web.Startup;

var builder = WebApplication.CreateBuilder(args);
var config = builder.Configuration;
builder.AddPayPortalLogging();

builder.Services.AddPayPortal(config, builder.Environment);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<IActor, HttpContextActor>();
builder.Services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section)
    .PostConfigure(o => o.RequireTwoFactorForStaff ??= !builder.Environment.IsDevelopment());
builder.Services.AddTransient<IEmailSender, IdentityEmailSender>();
builder.Services.AddScoped<ContactInvitations>();
builder.Services.RefuseUnsafeStripeSettings(builder.Environment.IsDevelopment(), builder.Environment.IsProduction());
builder.Services.AddHostedService<PayPortal.Web.Workers.OutboxWorker>();
builder.Services.AddHostedService<PayPortal.Web.Workers.PaymentPlanWorker>();
builder.Services.AddHostedService<PayPortal.Web.Workers.DailyCollectionsWorker>();
builder.Services.AddPayPortalHealthChecks();
builder.AddPayPortalHttpSecurity();

builder.Services.AddDefaultIdentity<AppUser>(DependencyInjection.ConfigureIdentity)
    .AddRoles<IdentityRole>()
    .AddEntityFrameworkStores<PayPortalDbContext>()
    .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
    .AddSignInManager<AppSignInManager>()
    .AddPayPortalAccountTokens();
// A disabled or demoted account's other sessions end within a minute everywhere (the back office checks at once).
builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
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
    o.AddStaffAccountConventions();
})
    // Forms are validated on the server (no validation scripts under the CSP); without client validation an
    // empty validation summary renders nothing, instead of a placeholder with an inline style the CSP blocks.
    .AddViewOptions(o => o.HtmlHelperOptions.ClientValidationEnabled = false);
builder.Services.AddAntiforgery(o => o.HeaderName = "RequestVerificationToken");

var app = builder.Build();

await FirstRun.PrepareDatabaseAsync(app);

// First: a correlation id and its log scope around everything else, and one request line without query string or bodies.
app.UsePayPortalRequestLogging();
app.UsePayPortalHttpSecurity();
if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Error");
app.UseStatusCodePagesWithReExecute("/Status/{0}");
app.UseStaticFiles();
app.UseRouting();
app.UsePayPortalRateLimits();
app.UseAuthentication();
app.UseAuthorization();
app.MapRazorPages();
app.MapStripeEndpoints();
app.MapPayPortalHealthChecks();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
