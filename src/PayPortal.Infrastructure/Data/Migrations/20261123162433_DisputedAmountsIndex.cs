using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PayPortal.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class DisputedAmountsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Invoices_Disputed",
                table: "Invoices",
                columns: new[] { "CurrencyCode", "DueDate", "DisputedMinor" },
                filter: "\"DisputedMinor\" <> 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Invoices_Disputed",
                table: "Invoices");
        }
    }
}
