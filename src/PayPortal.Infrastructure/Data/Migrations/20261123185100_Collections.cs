using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PayPortal.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class Collections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CollectorName",
                table: "Customers",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CollectorUserId",
                table: "Customers",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "NextActionOn",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RiskScore",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Segment",
                table: "Customers",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "By",
                table: "CommunicationLog",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DunningPolicies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Segment = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DunningPolicies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DunningRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Emails = table.Column<int>(type: "INTEGER", nullable: false),
                    Letters = table.Column<int>(type: "INTEGER", nullable: false),
                    CallTasks = table.Column<int>(type: "INTEGER", nullable: false),
                    Invoices = table.Column<int>(type: "INTEGER", nullable: false),
                    PromisesKept = table.Column<int>(type: "INTEGER", nullable: false),
                    PromisesBroken = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DunningRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Promises",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    CurrencyCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    PromisedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1200, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    PaidMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolvedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Promises", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Promises_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DunningSteps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DunningPolicyId = table.Column<long>(type: "INTEGER", nullable: false),
                    OffsetDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Action = table.Column<int>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DunningSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DunningSteps_DunningPolicies_DunningPolicyId",
                        column: x => x.DunningPolicyId,
                        principalTable: "DunningPolicies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DunningNotices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InvoiceId = table.Column<long>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    DunningStepId = table.Column<long>(type: "INTEGER", nullable: false),
                    Action = table.Column<int>(type: "INTEGER", nullable: false),
                    OffsetDays = table.Column<int>(type: "INTEGER", nullable: false),
                    RunOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    OpenMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DunningNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DunningNotices_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DunningNotices_DunningSteps_DunningStepId",
                        column: x => x.DunningStepId,
                        principalTable: "DunningSteps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DunningNotices_Invoices_InvoiceId",
                        column: x => x.InvoiceId,
                        principalTable: "Invoices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_CollectorUserId",
                table: "Customers",
                column: "CollectorUserId");

            migrationBuilder.CreateIndex(
                name: "IX_DunningNotices_Action_CompletedAt",
                table: "DunningNotices",
                columns: new[] { "Action", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DunningNotices_CustomerId_At",
                table: "DunningNotices",
                columns: new[] { "CustomerId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_DunningNotices_DunningStepId",
                table: "DunningNotices",
                column: "DunningStepId");

            migrationBuilder.CreateIndex(
                name: "IX_DunningNotices_InvoiceId_DunningStepId",
                table: "DunningNotices",
                columns: new[] { "InvoiceId", "DunningStepId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DunningPolicies_Segment",
                table: "DunningPolicies",
                column: "Segment",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DunningRuns_RunOn",
                table: "DunningRuns",
                column: "RunOn");

            migrationBuilder.CreateIndex(
                name: "IX_DunningSteps_DunningPolicyId_OffsetDays",
                table: "DunningSteps",
                columns: new[] { "DunningPolicyId", "OffsetDays" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Promises_CustomerId_RecordedAt",
                table: "Promises",
                columns: new[] { "CustomerId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Promises_Status_DueOn",
                table: "Promises",
                columns: new[] { "Status", "DueOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DunningNotices");

            migrationBuilder.DropTable(
                name: "DunningRuns");

            migrationBuilder.DropTable(
                name: "Promises");

            migrationBuilder.DropTable(
                name: "DunningSteps");

            migrationBuilder.DropTable(
                name: "DunningPolicies");

            migrationBuilder.DropIndex(
                name: "IX_Customers_CollectorUserId",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "CollectorName",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "CollectorUserId",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "NextActionOn",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "RiskScore",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Segment",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "By",
                table: "CommunicationLog");
        }
    }
}
