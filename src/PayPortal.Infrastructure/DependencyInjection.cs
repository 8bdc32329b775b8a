using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PayPortal.Infrastructure.Auditing;
using PayPortal.Infrastructure.Data;
using PayPortal.Infrastructure.Email;
using PayPortal.Infrastructure.Identity;
using PayPortal.Infrastructure.Imports;
using PayPortal.Infrastructure.Ledger;
using PayPortal.Infrastructure.Reporting;
using PayPortal.Infrastructure.Seeding;
using PayPortal.Infrastructure.Stripe;
using PayPortal.Infrastructure.Workflows;

namespace PayPortal.Infrastructure;

public static class DependencyInjection
{
    /// <summary>The database and the workflows the web app and the CLI share.</summary>
    public static IServiceCollection AddPayPortalData(this IServiceCollection services, string sqliteConnectionString)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<IActor>(_ => new FixedActor("system"));
        services.AddDbContext<PayPortalDbContext>(o => o.UseSqlite(sqliteConnectionString));
        services.AddScoped<DemoSeeder>();
        services.AddScoped<BulkSeeder>();
        services.AddScoped<CustomerCsvImport>();
        services.AddScoped<InvoiceCsvImport>();
        services.AddScoped<LedgerConsistencyCheck>();
        services.AddScoped<AgingReport>();
        services.AddScoped<StatementQuery>();
        services.AddOptions<ReportingOptions>();
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
        services.TryAddSingleton<Payments.IPortalCheckoutUrls, Payments.PortalCheckoutUrls>();
        services.AddOptions<Invoicing.InvoicingOptions>();
        services.AddScoped<Invoicing.DocumentNumbers>();
        services.AddScoped<Invoicing.InvoiceDesk>();
        services.AddScoped<Invoicing.InvoiceDocuments>();
        services.AddScoped<Invoicing.InvoiceMail>();
        services.AddOptions<Notices.PortalLinkOptions>();
        services.TryAddSingleton<Notices.PortalLinks>();
        services.AddScoped<Notices.Recipients>();
        services.AddScoped<Notices.NoticeMail>();
        services.AddOptions<Plans.PlanOptions>();
        services.AddScoped<Disputes.DisputeDesk>();
        services.AddScoped<Plans.PlanDesk>();
        services.AddScoped<Plans.PlanMonitor>();
        services.AddOptions<Collections.CollectionsOptions>();
        services.AddScoped<Collections.DunningPolicies>();
        services.AddScoped<Collections.PromiseReview>();
        services.AddScoped<Collections.DunningMail>();
        services.AddScoped<Collections.DunningRunner>();
        services.AddScoped<Collections.CollectionsDesk>();
        services.AddScoped<Collections.Worklist>();
        services.AddScoped<Collections.CustomerTimeline>();
        services.AddScoped<Collections.WriteOffDesk>();
        services.AddScoped<Collections.CreditDesk>();
        services.AddScoped<Statements.StatementRun>();
        services.AddScoped<Collections.RiskScoring>();
        services.AddOptions<CashApplication.BankingOptions>();
        services.AddScoped<CashApplication.MatchingData>();
        services.AddScoped<CashApplication.PayoutSettlement>();
        services.AddScoped<CashApplication.BankImport>();
        services.AddScoped<CashApplication.ApplicationsExport>();
        services.AddScoped<CashApplication.ExceptionDesk>();
        services.AddScoped<CashApplication.CashScenario>();
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<Mailer>();
        return services;
    }

    /// <summary>Paying through Stripe: checkouts, refunds and the handlers of Stripe's events, on Stripe.net.</summary>
    public static IServiceCollection AddPayPortalPayments(this IServiceCollection services, bool isProduction)
    {
        services.AddPayPortalStripe(isProduction);
        services.AddScoped<Payments.PortalCheckouts>();
        services.AddScoped<Payments.PaymentRefunds>();
        services.AddScoped<Payments.StripeEventProcessor>();
        services.AddScoped<Payments.Events.CheckoutEvents>();
        services.AddScoped<Payments.Events.PaymentIntentEvents>();
        services.AddScoped<Payments.Events.RefundEvents>();
        services.AddScoped<Payments.Events.ChargebackEvents>();
        services.AddScoped<Payments.Events.PayoutEvents>();
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
    public static IServiceCollection AddPayPortalIdentityCore(this IServiceCollection services)
    {
        services.AddIdentityCore<AppUser>(ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PayPortalDbContext>();
        return services;
    }
}
