using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waypoint.Platform.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CareTimelineEquality : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "equality_monitoring",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgreedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AgreedHow = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    AgeBand = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Sex = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    GenderIdentity = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Ethnicity = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Religion = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    SexualOrientation = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Disability = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Pregnancy = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    MaritalStatus = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    WithdrawnAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_equality_monitoring", x => x.Id);
                    table.ForeignKey(
                        name: "FK_equality_monitoring_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_equality_monitoring_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "intelligence_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Disclosure = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    About = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Urgency = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NeedsPassing = table.Column<bool>(type: "INTEGER", nullable: false),
                    DisclosedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PassedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PassedTo = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PassedReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PassedRecordedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PassedRecordedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_intelligence_reports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_intelligence_reports_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_equality_monitoring_OrganisationId_PersonId",
                table: "equality_monitoring",
                columns: new[] { "OrganisationId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_equality_monitoring_PersonId",
                table: "equality_monitoring",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_intelligence_reports_CaseId",
                table: "intelligence_reports",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_intelligence_reports_OrganisationId_NeedsPassing_PassedOn",
                table: "intelligence_reports",
                columns: new[] { "OrganisationId", "NeedsPassing", "PassedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_intelligence_reports_RecordedById_NeedsPassing_PassedOn",
                table: "intelligence_reports",
                columns: new[] { "RecordedById", "NeedsPassing", "PassedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "equality_monitoring");

            migrationBuilder.DropTable(
                name: "intelligence_reports");
        }
    }
}
