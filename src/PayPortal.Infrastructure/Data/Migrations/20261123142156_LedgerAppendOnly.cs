using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PayPortal.Infrastructure.Data.Migrations
{
    /// <summary>
    /// The AR ledger is append-only in the database itself, not just in application code: an UPDATE or
    /// DELETE of a journal or ledger entry aborts, whoever issues it. Corrections are reversing journals.
    /// </summary>
    public partial class LedgerAppendOnly : Migration
    {
        private static readonly string[] Tables = ["Journals", "LedgerEntries"];

        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                foreach (var operation in new[] { "UPDATE", "DELETE" })
                {
                    migrationBuilder.Sql($"""
                        CREATE TRIGGER "TR_{table}_No{operation}" BEFORE {operation} ON "{table}"
                        BEGIN SELECT RAISE(ABORT, 'The AR ledger is append-only: post a reversing journal instead'); END;
                        """);
                }
            }
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"TR_{table}_NoUPDATE\";");
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"TR_{table}_NoDELETE\";");
            }
        }
    }
}
