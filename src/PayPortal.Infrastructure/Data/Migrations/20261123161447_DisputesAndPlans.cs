using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PayPortal.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class DisputesAndPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PaymentPlanId",
                table: "PortalPayments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AssigneeName",
                table: "Disputes",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AssigneeUserId",
                table: "Disputes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "CreditMemoId",
                table: "Disputes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "CreditedMinor",
                table: "Disputes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateTime>(
                name: "EvidenceDueBy",
                table: "Disputes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Kind",
                table: "Disputes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1); // disputes recorded before chargebacks existed were all the customer's

            migrationBuilder.AddColumn<string>(
                name: "RaisedByUserId",
                table: "Disputes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Resolution",
                table: "Disputes",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StripeDisputeId",
                table: "Disputes",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DisputeLine",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DisputeId = table.Column<long>(type: "INTEGER", nullable: false),
                    InvoiceLineId = table.Column<long>(type: "INTEGER", nullable: false),
                    LineNo = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisputeLine", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisputeLine_Disputes_DisputeId",
                        column: x => x.DisputeId,
                        principalTable: "Disputes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DisputeLine_InvoiceLines_InvoiceLineId",
                        column: x => x.InvoiceLineId,
                        principalTable: "InvoiceLines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DisputeMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DisputeId = table.Column<long>(type: "INTEGER", nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    FromCustomer = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsInternal = table.Column<bool>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisputeMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisputeMessages_Disputes_DisputeId",
                        column: x => x.DisputeId,
                        principalTable: "Disputes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PaymentPlans",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    CurrencyCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    TotalMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    InstallmentCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Frequency = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RequestedTerms = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReviewReasons = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RequestedByUserId = table.Column<string>(type: "TEXT", nullable: true),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AssigneeUserId = table.Column<string>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PaymentPlans_AspNetUsers_AssigneeUserId",
                        column: x => x.AssigneeUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_PaymentPlans_AspNetUsers_RequestedByUserId",
                        column: x => x.RequestedByUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_PaymentPlans_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DisputeAttachments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DisputeMessageId = table.Column<long>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SizeBytes = table.Column<int>(type: "INTEGER", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisputeAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisputeAttachments_DisputeMessages_DisputeMessageId",
                        column: x => x.DisputeMessageId,
                        principalTable: "DisputeMessages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanInstallment",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PaymentPlanId = table.Column<long>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    ReminderSentAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanInstallment", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanInstallment_PaymentPlans_PaymentPlanId",
                        column: x => x.PaymentPlanId,
                        principalTable: "PaymentPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanInvoice",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PaymentPlanId = table.Column<long>(type: "INTEGER", nullable: false),
                    InvoiceId = table.Column<long>(type: "INTEGER", nullable: false),
                    InvoiceNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OpenAtStartMinor = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanInvoice", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanInvoice_Invoices_InvoiceId",
                        column: x => x.InvoiceId,
                        principalTable: "Invoices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PlanInvoice_PaymentPlans_PaymentPlanId",
                        column: x => x.PaymentPlanId,
                        principalTable: "PaymentPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PortalPayments_PaymentPlanId",
                table: "PortalPayments",
                column: "PaymentPlanId");

            migrationBuilder.CreateIndex(
                name: "IX_Disputes_AssigneeUserId",
                table: "Disputes",
                column: "AssigneeUserId");

            migrationBuilder.CreateIndex(
                name: "IX_Disputes_CreditMemoId",
                table: "Disputes",
                column: "CreditMemoId");

            migrationBuilder.CreateIndex(
                name: "IX_Disputes_RaisedByUserId",
                table: "Disputes",
                column: "RaisedByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_Disputes_StripeDisputeId",
                table: "Disputes",
                column: "StripeDisputeId",
                unique: true,
                filter: "\"StripeDisputeId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_DisputeAttachments_DisputeMessageId",
                table: "DisputeAttachments",
                column: "DisputeMessageId");

            migrationBuilder.CreateIndex(
                name: "IX_DisputeLine_DisputeId",
                table: "DisputeLine",
                column: "DisputeId");

            migrationBuilder.CreateIndex(
                name: "IX_DisputeLine_InvoiceLineId",
                table: "DisputeLine",
                column: "InvoiceLineId");

            migrationBuilder.CreateIndex(
                name: "IX_DisputeMessages_DisputeId",
                table: "DisputeMessages",
                column: "DisputeId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentPlans_AssigneeUserId",
                table: "PaymentPlans",
                column: "AssigneeUserId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentPlans_CustomerId",
                table: "PaymentPlans",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentPlans_RequestedByUserId",
                table: "PaymentPlans",
                column: "RequestedByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentPlans_Status_RequestedAt",
                table: "PaymentPlans",
                columns: new[] { "Status", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PlanInstallment_PaymentPlanId_Number",
                table: "PlanInstallment",
                columns: new[] { "PaymentPlanId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PlanInvoice_InvoiceId",
                table: "PlanInvoice",
                column: "InvoiceId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanInvoice_PaymentPlanId",
                table: "PlanInvoice",
                column: "PaymentPlanId");

            migrationBuilder.AddForeignKey(
                name: "FK_Disputes_AspNetUsers_AssigneeUserId",
                table: "Disputes",
                column: "AssigneeUserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Disputes_AspNetUsers_RaisedByUserId",
                table: "Disputes",
                column: "RaisedByUserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Disputes_CreditMemos_CreditMemoId",
                table: "Disputes",
                column: "CreditMemoId",
                principalTable: "CreditMemos",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_PortalPayments_PaymentPlans_PaymentPlanId",
                table: "PortalPayments",
                column: "PaymentPlanId",
                principalTable: "PaymentPlans",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Disputes_AspNetUsers_AssigneeUserId",
                table: "Disputes");

            migrationBuilder.DropForeignKey(
                name: "FK_Disputes_AspNetUsers_RaisedByUserId",
                table: "Disputes");

            migrationBuilder.DropForeignKey(
                name: "FK_Disputes_CreditMemos_CreditMemoId",
                table: "Disputes");

            migrationBuilder.DropForeignKey(
                name: "FK_PortalPayments_PaymentPlans_PaymentPlanId",
                table: "PortalPayments");

            migrationBuilder.DropTable(
                name: "DisputeAttachments");

            migrationBuilder.DropTable(
                name: "DisputeLine");

            migrationBuilder.DropTable(
                name: "PlanInstallment");

            migrationBuilder.DropTable(
                name: "PlanInvoice");

            migrationBuilder.DropTable(
                name: "DisputeMessages");

            migrationBuilder.DropTable(
                name: "PaymentPlans");

            migrationBuilder.DropIndex(
                name: "IX_PortalPayments_PaymentPlanId",
                table: "PortalPayments");

            migrationBuilder.DropIndex(
                name: "IX_Disputes_AssigneeUserId",
                table: "Disputes");

            migrationBuilder.DropIndex(
                name: "IX_Disputes_CreditMemoId",
                table: "Disputes");

            migrationBuilder.DropIndex(
                name: "IX_Disputes_RaisedByUserId",
                table: "Disputes");

            migrationBuilder.DropIndex(
                name: "IX_Disputes_StripeDisputeId",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "PaymentPlanId",
                table: "PortalPayments");

            migrationBuilder.DropColumn(
                name: "AssigneeName",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "AssigneeUserId",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "CreditMemoId",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "CreditedMinor",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "EvidenceDueBy",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "RaisedByUserId",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "Resolution",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "StripeDisputeId",
                table: "Disputes");
        }
    }
}
