using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PayPortal.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class ContactEmailPreferences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "EmailInvoicesAndStatements",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: true); // existing contacts keep getting emails

            migrationBuilder.AddColumn<bool>(
                name: "EmailReminders",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: true); // existing contacts keep getting emails
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EmailInvoicesAndStatements",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "EmailReminders",
                table: "AspNetUsers");
        }
    }
}
