using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PayPortal.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class PlanActivation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ActivatedAt",
                table: "PaymentPlans",
                type: "TEXT",
                nullable: true);

            // Plans that took effect before the column existed: active, broken or completed ones were activated when decided.
            migrationBuilder.Sql("UPDATE \"PaymentPlans\" SET \"ActivatedAt\" = \"DecidedAt\" WHERE \"Status\" IN (3, 5, 7);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ActivatedAt",
                table: "PaymentPlans");
        }
    }
}
