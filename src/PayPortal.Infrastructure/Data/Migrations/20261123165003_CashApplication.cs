using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PayPortal.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class CashApplication : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BankStatements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Format = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    StatementId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    FileSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BankStatements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PayerAliases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AccountKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LearnedFrom = table.Column<string>(type: "TEXT", maxLength: 140, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PayerAliases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PayerAliases_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BankLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BankStatementId = table.Column<long>(type: "INTEGER", nullable: false),
                    LineNo = table.Column<int>(type: "INTEGER", nullable: false),
                    BankReference = table.Column<string>(type: "TEXT", maxLength: 140, nullable: false),
                    BookingDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValueDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    CurrencyCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    IsCredit = table.Column<bool>(type: "INTEGER", nullable: false),
                    PayerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PayerAccount = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RemittanceText = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    References = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    BankTransactionCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    PaymentId = table.Column<long>(type: "INTEGER", nullable: true),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: true),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Confidence = table.Column<double>(type: "REAL", nullable: true),
                    ShortPay = table.Column<int>(type: "INTEGER", nullable: false),
                    Suggestions = table.Column<string>(type: "TEXT", nullable: true),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BankLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BankLines_BankStatements_BankStatementId",
                        column: x => x.BankStatementId,
                        principalTable: "BankStatements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BankLines_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BankLines_Payments_PaymentId",
                        column: x => x.PaymentId,
                        principalTable: "Payments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BankLines_BankStatementId_LineNo",
                table: "BankLines",
                columns: new[] { "BankStatementId", "LineNo" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BankLines_CustomerId",
                table: "BankLines",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_BankLines_PaymentId",
                table: "BankLines",
                column: "PaymentId");

            migrationBuilder.CreateIndex(
                name: "IX_BankLines_Status_BookingDate",
                table: "BankLines",
                columns: new[] { "Status", "BookingDate" });

            migrationBuilder.CreateIndex(
                name: "IX_BankStatements_FileSha256",
                table: "BankStatements",
                column: "FileSha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BankStatements_Format_AccountId_StatementId",
                table: "BankStatements",
                columns: new[] { "Format", "AccountId", "StatementId" });

            migrationBuilder.CreateIndex(
                name: "IX_PayerAliases_AccountKey",
                table: "PayerAliases",
                column: "AccountKey",
                unique: true,
                filter: "\"AccountKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PayerAliases_CustomerId",
                table: "PayerAliases",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_PayerAliases_NameKey",
                table: "PayerAliases",
                column: "NameKey",
                unique: true,
                filter: "\"NameKey\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BankLines");

            migrationBuilder.DropTable(
                name: "PayerAliases");

            migrationBuilder.DropTable(
                name: "BankStatements");
        }
    }
}
