using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waypoint.Platform.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WorklistIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_obligations_OwnerTeamId_Status_DueOn",
                table: "obligations");

            migrationBuilder.DropIndex(
                name: "IX_obligations_OwnerUserId_Status_DueOn",
                table: "obligations");

            migrationBuilder.CreateIndex(
                name: "IX_obligations_OwnerTeamId_Status_DueOn_CaseId_OrganisationId",
                table: "obligations",
                columns: new[] { "OwnerTeamId", "Status", "DueOn", "CaseId", "OrganisationId" });

            migrationBuilder.CreateIndex(
                name: "IX_obligations_OwnerUserId_Status_DueOn_CaseId_OrganisationId",
                table: "obligations",
                columns: new[] { "OwnerUserId", "Status", "DueOn", "CaseId", "OrganisationId" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_restricted",
                table: "cases",
                column: "Id",
                filter: "\"Restricted\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_obligations_OwnerTeamId_Status_DueOn_CaseId_OrganisationId",
                table: "obligations");

            migrationBuilder.DropIndex(
                name: "IX_obligations_OwnerUserId_Status_DueOn_CaseId_OrganisationId",
                table: "obligations");

            migrationBuilder.DropIndex(
                name: "IX_cases_restricted",
                table: "cases");

            migrationBuilder.CreateIndex(
                name: "IX_obligations_OwnerTeamId_Status_DueOn",
                table: "obligations",
                columns: new[] { "OwnerTeamId", "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_obligations_OwnerUserId_Status_DueOn",
                table: "obligations",
                columns: new[] { "OwnerUserId", "Status", "DueOn" });
        }
    }
}
