using Microsoft.EntityFrameworkCore.Migrations;

namespace PayPortal.Infrastructure.Data.Migrations.Sql;

/// <summary>
/// Books written before refunds and chargebacks were told apart by column: a chargeback's withdrawal was a
/// refund whose reference was the bare dispute id (<c>dp_…</c>), its reinstatement a receipt "dp_… won", and
/// events refused before "needs attention" existed said so only in their outcome. Rewritten to today's
/// shape so nothing is taken back twice. Plain SQL that SQLite and PostgreSQL both run.
/// </summary>
public static class StripeReferencesUpgrade
{
    public static readonly IReadOnlyList<string> Statements =
    [
        """
            UPDATE "Refunds" SET "DisputeId" = "ExternalReference", "ExternalReference" = "ExternalReference" || ':withdrawn:1'
            WHERE "DisputeId" IS NULL AND (substr("ExternalReference", 1, 3) = 'dp_' OR substr("ExternalReference", 1, 3) = 'du_')
              AND "ExternalReference" NOT LIKE '%:%';
            """,
        """
            UPDATE "Payments" SET "Reference" = substr("Reference", 1, length("Reference") - 4) || ' reinstated'
            WHERE (substr("Reference", 1, 3) = 'dp_' OR substr("Reference", 1, 3) = 'du_') AND "Reference" LIKE '% won';
            """,
        """UPDATE "StripeEvents" SET "Status" = 3 WHERE "Outcome" LIKE 'refused%';""",
    ];

    public static void Apply(MigrationBuilder migration)
    {
        foreach (var statement in Statements) migration.Sql(statement);
    }
}
