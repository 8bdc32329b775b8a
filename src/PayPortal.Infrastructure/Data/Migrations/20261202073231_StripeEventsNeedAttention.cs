using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PayPortal.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class StripeEventsNeedAttention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Payload",
                table: "StripeEvents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Resolution",
                table: "StripeEvents",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ResolvedAt",
                table: "StripeEvents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResolvedBy",
                table: "StripeEvents",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Status",
                table: "StripeEvents",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1); // events handled before needing attention existed were applied or ignored

            migrationBuilder.AddColumn<string>(
                name: "DisputeId",
                table: "Refunds",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FailedAt",
                table: "Refunds",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_StripeEvents_Status",
                table: "StripeEvents",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Refunds_DisputeId",
                table: "Refunds",
                column: "DisputeId");

            Sql.StripeReferencesUpgrade.Apply(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StripeEvents_Status",
                table: "StripeEvents");

            migrationBuilder.DropIndex(
                name: "IX_Refunds_DisputeId",
                table: "Refunds");

            migrationBuilder.DropColumn(
                name: "Payload",
                table: "StripeEvents");

            migrationBuilder.DropColumn(
                name: "Resolution",
                table: "StripeEvents");

            migrationBuilder.DropColumn(
                name: "ResolvedAt",
                table: "StripeEvents");

            migrationBuilder.DropColumn(
                name: "ResolvedBy",
                table: "StripeEvents");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "StripeEvents");

            migrationBuilder.DropColumn(
                name: "DisputeId",
                table: "Refunds");

            migrationBuilder.DropColumn(
                name: "FailedAt",
                table: "Refunds");
        }
    }
}
