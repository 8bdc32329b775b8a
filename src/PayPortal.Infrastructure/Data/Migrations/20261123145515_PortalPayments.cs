using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PayPortal.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class PortalPayments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PortalPayments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    ContactUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CurrencyCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckoutSessionId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    PaymentIntentId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    Method = table.Column<int>(type: "INTEGER", nullable: true),
                    PaymentId = table.Column<long>(type: "INTEGER", nullable: true),
                    IsTest = table.Column<bool>(type: "INTEGER", nullable: false),
                    FailureMessage = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PortalPayments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PortalPayments_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StripeEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StripeEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PortalPaymentLine",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PortalPaymentId = table.Column<long>(type: "INTEGER", nullable: false),
                    InvoiceId = table.Column<long>(type: "INTEGER", nullable: false),
                    InvoiceNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    DiscountMinor = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PortalPaymentLine", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PortalPaymentLine_Invoices_InvoiceId",
                        column: x => x.InvoiceId,
                        principalTable: "Invoices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PortalPaymentLine_PortalPayments_PortalPaymentId",
                        column: x => x.PortalPaymentId,
                        principalTable: "PortalPayments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PortalPaymentLine_InvoiceId",
                table: "PortalPaymentLine",
                column: "InvoiceId");

            migrationBuilder.CreateIndex(
                name: "IX_PortalPaymentLine_PortalPaymentId",
                table: "PortalPaymentLine",
                column: "PortalPaymentId");

            migrationBuilder.CreateIndex(
                name: "IX_PortalPayments_CheckoutSessionId",
                table: "PortalPayments",
                column: "CheckoutSessionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PortalPayments_CustomerId_CreatedAt",
                table: "PortalPayments",
                columns: new[] { "CustomerId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PortalPayments_PaymentIntentId",
                table: "PortalPayments",
                column: "PaymentIntentId");

            migrationBuilder.CreateIndex(
                name: "IX_StripeEvents_EventId",
                table: "StripeEvents",
                column: "EventId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PortalPaymentLine");

            migrationBuilder.DropTable(
                name: "StripeEvents");

            migrationBuilder.DropTable(
                name: "PortalPayments");
        }
    }
}
