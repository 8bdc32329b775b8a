using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PayPortal.Infrastructure.Auditing;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Adapters.Email;
using PayPortal.Infrastructure.Outbox;
using PayPortal.Infrastructure.Identity;
using PayPortal.Infrastructure.Imports;
using PayPortal.Infrastructure.Ledger;
using PayPortal.Infrastructure.Links;
using PayPortal.Infrastructure.Reporting;
using PayPortal.Infrastructure.Seeding;
using PayPortal.Infrastructure.Security;
using PayPortal.Infrastructure.Adapters.Stripe;
using PayPortal.Infrastructure.Workflows;

namespace PayPortal.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// The one composition root of the web app and the CLI: the database, the audit trail, every option (bound,
    /// validated; hosts that start run the validations on start) and every workflow both hosts share. Web-only
    /// pieces (Identity UI, cookies, Razor Pages, data protection, hosted workers, the signed-in actor) and
    /// headless Identity (<see cref="AddPayPortalIdentityCore"/>) are added by the host.
    /// </summary>
    public static IServiceCollection AddPayPortal(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.TryAddSingleton(environment);
        services.TryAddSingleton(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<IActor>(_ => new FixedActor("system"));
        services.AddScoped<AuditContext>();
        services.AddScoped<AuditInterceptor>();
        services.AddScoped<DeskStep>();
        var connectionString = DataPaths.ConnectionString(configuration);
        services.AddDbContext<PayPortalDbContext>((sp, o) => o.UseSqlite(connectionString).AddInterceptors(sp.GetRequiredService<AuditInterceptor>()));

        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CompanyOptions>().BindConfiguration(CompanyOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CompanyOptions>, CompanyOptionsValidator>();
        services.AddOptions<PortalUrlOptions>().BindConfiguration(PortalUrlOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Invoicing.InvoicingOptions>().BindConfiguration(Invoicing.InvoicingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReportingOptions>().BindConfiguration(ReportingOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReportingOptions>, ReportingOptionsValidator>();
        services.AddOptions<Collections.CollectionsOptions>().BindConfiguration(Collections.CollectionsOptions.Section);
        services.AddOptions<Plans.PlanOptions>().BindConfiguration(Plans.PlanOptions.Section);
        services.AddOptions<Approvals.ApprovalsOptions>().BindConfiguration(Approvals.ApprovalsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CashApplication.BankingOptions>().BindConfiguration(CashApplication.BankingOptions.Section);
        services.TryAddSingleton<IPortalUrls, PortalUrls>();
        services.AddPayPortalDataProtection(configuration);

        services.AddSingleton<DemoDataGate>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<Staff.StaffAccounts>();
        services.AddScoped<Staff.StaffInvitationMail>();
        services.AddScoped<BulkSeeder>();
        services.AddScoped<CustomerCsvImport>();
        services.AddScoped<InvoiceCsvImport>();
        services.AddScoped<LedgerConsistencyCheck>();
        services.AddScoped<AgingReport>();
        services.AddScoped<StatementQuery>();
        services.AddScoped<LedgerAging>();
        services.AddScoped<KpiReport>();
        services.AddScoped<PaymentHistory>();
        services.AddScoped<CashForecastReport>();
        services.AddScoped<EndOfDayReport>();
        services.AddScoped<AllocationReversal>();
        services.AddScoped<OutboxDispatcher>();
        services.AddScoped<Payments.Receipts>();
        services.AddScoped<Payments.InvoiceSettlement>();
        services.AddScoped<Payments.MoneyTakeBack>();
        services.AddScoped<Payments.ReceiptMail>();
        services.AddScoped<Invoicing.DocumentNumbers>();
        services.AddScoped<Invoicing.InvoiceDesk>();
        services.AddScoped<Invoicing.InvoiceDocuments>();
        services.AddScoped<Invoicing.InvoiceMail>();
        services.AddScoped<Notices.Recipients>();
        services.AddScoped<Notices.NoticeMail>();
        services.AddScoped<Disputes.DisputeDesk>();
        services.AddScoped<Plans.PlanDesk>();
        services.AddScoped<Plans.PlanMonitor>();
        services.AddScoped<Collections.DunningPolicies>();
        services.AddScoped<Collections.PromiseReview>();
        services.AddScoped<Collections.DunningMail>();
        services.AddScoped<Collections.DunningRunner>();
        services.AddScoped<Collections.CollectionsDesk>();
        services.AddScoped<Collections.Worklist>();
        services.AddScoped<Collections.CustomerTimeline>();
        services.AddScoped<Collections.WriteOffDesk>();
        services.AddScoped<Approvals.ApprovalGate>();
        services.AddScoped<Approvals.ApprovalDesk>();
        services.AddScoped<Collections.CreditDesk>();
        services.AddScoped<Statements.StatementRun>();
        services.AddScoped<Collections.RiskScoring>();
        services.AddScoped<CashApplication.MatchingData>();
        services.AddScoped<CashApplication.PayoutSettlement>();
        services.AddScoped<CashApplication.BankImport>();
        services.AddScoped<CashApplication.ApplicationsExport>();
        services.AddScoped<CashApplication.ExceptionDesk>();
        services.AddScoped<CashApplication.CashScenario>();
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<Mailer>();
        services.AddPayPortalPayments();
        return services;
    }

    /// <summary>Paying through Stripe: checkouts, refunds and the handlers of Stripe's events, on Stripe.net.</summary>
    private static IServiceCollection AddPayPortalPayments(this IServiceCollection services)
    {
        services.AddPayPortalStripe();
        services.AddScoped<Payments.PortalCheckouts>();
        services.AddScoped<Payments.PaymentRefunds>();
        services.AddScoped<Payments.StripeEventProcessor>();
        services.AddScoped<Payments.StripeEventDesk>();
        services.AddScoped<Payments.Events.CheckoutEvents>();
        services.AddScoped<Payments.Events.PaymentIntentEvents>();
        services.AddScoped<Payments.Events.RefundEvents>();
        services.AddScoped<Payments.Events.ChargebackEvents>();
        services.AddScoped<Payments.Events.PayoutEvents>();
        services.AddScoped<Payments.Events.StripeLookups>();
        return services;
    }

    /// <summary>The same password, lockout and user rules wherever accounts are made (web or CLI).</summary>
    public static void ConfigureIdentity(IdentityOptions options)
    {
        options.User.RequireUniqueEmail = true;
        options.SignIn.RequireConfirmedAccount = false;
        options.Password.RequiredLength = 10;
        options.Password.RequireNonAlphanumeric = false;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
    }

    /// <summary>User management without the web sign-in machinery, for the CLI and background jobs.</summary>
    public static IServiceCollection AddPayPortalIdentityCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentityCore<AppUser>(ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PayPortalDbContext>()
            .AddDefaultTokenProviders()
            .AddPayPortalAccountTokens();
        return services;
    }
}
