using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PayPortal.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class StripePayouts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "SettledByBankLineId",
                table: "Payments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PayoutNote",
                table: "BankLines",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Payments_Method_SettledByBankLineId_ReceivedOn",
                table: "Payments",
                columns: new[] { "Method", "SettledByBankLineId", "ReceivedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Payments_SettledByBankLineId",
                table: "Payments",
                column: "SettledByBankLineId");

            migrationBuilder.AddForeignKey(
                name: "FK_Payments_BankLines_SettledByBankLineId",
                table: "Payments",
                column: "SettledByBankLineId",
                principalTable: "BankLines",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Payments_BankLines_SettledByBankLineId",
                table: "Payments");

            migrationBuilder.DropIndex(
                name: "IX_Payments_Method_SettledByBankLineId_ReceivedOn",
                table: "Payments");

            migrationBuilder.DropIndex(
                name: "IX_Payments_SettledByBankLineId",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "SettledByBankLineId",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "PayoutNote",
                table: "BankLines");
        }
    }
}
