using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PayPortal.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class StripeNet : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StripePayouts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PayoutId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    CurrencyCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    ArrivalDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    IsTest = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StripePayouts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StripePayoutItem",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StripePayoutId = table.Column<long>(type: "INTEGER", nullable: false),
                    BalanceTransactionId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SourceId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    PaymentIntentId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    FeeMinor = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StripePayoutItem", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StripePayoutItem_StripePayouts_StripePayoutId",
                        column: x => x.StripePayoutId,
                        principalTable: "StripePayouts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StripePayoutItem_PaymentIntentId",
                table: "StripePayoutItem",
                column: "PaymentIntentId");

            migrationBuilder.CreateIndex(
                name: "IX_StripePayoutItem_StripePayoutId",
                table: "StripePayoutItem",
                column: "StripePayoutId");

            migrationBuilder.CreateIndex(
                name: "IX_StripePayouts_CurrencyCode_AmountMinor_ArrivalDate",
                table: "StripePayouts",
                columns: new[] { "CurrencyCode", "AmountMinor", "ArrivalDate" });

            migrationBuilder.CreateIndex(
                name: "IX_StripePayouts_PayoutId",
                table: "StripePayouts",
                column: "PayoutId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StripePayoutItem");

            migrationBuilder.DropTable(
                name: "StripePayouts");
        }
    }
}
