using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PayPortal.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class BackOfficeInvoicing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CreditMinor",
                table: "PortalPaymentLine",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "InvoiceId",
                table: "Outbox",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SentAt",
                table: "Invoices",
                type: "TEXT",
                nullable: true);

            // Invoices posted before sending existed went out some other way: they count as sent, so a
            // bulk send does not email the whole history.
            migrationBuilder.Sql("UPDATE \"Invoices\" SET \"SentAt\" = \"PostedAt\" WHERE \"PostedAt\" IS NOT NULL;");

            migrationBuilder.CreateTable(
                name: "CreditMemoLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CreditMemoId = table.Column<long>(type: "INTEGER", nullable: false),
                    InvoiceLineId = table.Column<long>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Quantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditMemoLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CreditMemoLines_CreditMemos_CreditMemoId",
                        column: x => x.CreditMemoId,
                        principalTable: "CreditMemos",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CreditMemoLines_InvoiceLines_InvoiceLineId",
                        column: x => x.InvoiceLineId,
                        principalTable: "InvoiceLines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NumberSequences",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NextValue = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NumberSequences", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_InvoiceId",
                table: "Outbox",
                column: "InvoiceId");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_Unsent",
                table: "Invoices",
                column: "SentAt",
                filter: "\"SentAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CreditMemoLines_CreditMemoId",
                table: "CreditMemoLines",
                column: "CreditMemoId");

            migrationBuilder.CreateIndex(
                name: "IX_CreditMemoLines_InvoiceLineId",
                table: "CreditMemoLines",
                column: "InvoiceLineId");

            migrationBuilder.AddForeignKey(
                name: "FK_Outbox_Invoices_InvoiceId",
                table: "Outbox",
                column: "InvoiceId",
                principalTable: "Invoices",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Outbox_Invoices_InvoiceId",
                table: "Outbox");

            migrationBuilder.DropTable(
                name: "CreditMemoLines");

            migrationBuilder.DropTable(
                name: "NumberSequences");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_InvoiceId",
                table: "Outbox");

            migrationBuilder.DropIndex(
                name: "IX_Invoices_Unsent",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "CreditMinor",
                table: "PortalPaymentLine");

            migrationBuilder.DropColumn(
                name: "InvoiceId",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "SentAt",
                table: "Invoices");
        }
    }
}
