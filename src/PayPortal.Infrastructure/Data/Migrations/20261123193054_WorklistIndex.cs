using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PayPortal.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class WorklistIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Invoices_Customer_Open",
                table: "Invoices");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_Customer_Open",
                table: "Invoices",
                columns: new[] { "CustomerId", "DueDate", "OpenMinor", "DisputedMinor" },
                filter: "\"OpenMinor\" <> 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Invoices_Customer_Open",
                table: "Invoices");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_Customer_Open",
                table: "Invoices",
                columns: new[] { "CustomerId", "DueDate", "OpenMinor" },
                filter: "\"OpenMinor\" <> 0");
        }
    }
}
