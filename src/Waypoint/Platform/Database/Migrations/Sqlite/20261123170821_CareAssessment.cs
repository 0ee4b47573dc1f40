using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waypoint.Platform.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CareAssessment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "case_tasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OfficerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SourceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    NdmInformation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    NdmThreatAndRisk = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    NdmPowersAndPolicy = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    NdmOptions = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    NdmActionAndReview = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClosedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_tasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_tasks_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "danger_incidents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ControlRoomReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    WhatWasAsked = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ById = table.Column<Guid>(type: "TEXT", nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_danger_incidents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_danger_incidents_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "needs_assessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ById = table.Column<Guid>(type: "TEXT", nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AssessedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_needs_assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_needs_assessments_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "safeguarding_referrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Destination = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DestinationName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Concern = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    SentOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    NdmInformation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    NdmThreatAndRisk = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    NdmPowersAndPolicy = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    NdmOptions = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    NdmActionAndReview = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    OutcomeOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    OutcomeByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ById = table.Column<Guid>(type: "TEXT", nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_safeguarding_referrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_safeguarding_referrals_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "thrive_assessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Threat = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Harm = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Risk = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Investigation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Vulnerability = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Engagement = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Response = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ResponseNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ById = table.Column<Guid>(type: "TEXT", nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AssessedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_thrive_assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_thrive_assessments_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "dash_assessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    ComputedLevel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    JudgementReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    NdmInformation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    NdmThreatAndRisk = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    NdmPowersAndPolicy = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    NdmOptions = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    NdmActionAndReview = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    NewIncident = table.Column<bool>(type: "INTEGER", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ById = table.Column<Guid>(type: "TEXT", nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AssessedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dash_assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_dash_assessments_case_tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "case_tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_dash_assessments_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "needs_assessment_areas",
                columns: table => new
                {
                    AssessmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Area = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_needs_assessment_areas", x => new { x.AssessmentId, x.Area });
                    table.ForeignKey(
                        name: "FK_needs_assessment_areas_needs_assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "needs_assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "dash_answers",
                columns: table => new
                {
                    DashId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    QuestionId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Question = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dash_answers", x => new { x.DashId, x.Position });
                    table.ForeignKey(
                        name: "FK_dash_answers_dash_assessments_DashId",
                        column: x => x.DashId,
                        principalTable: "dash_assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_case_tasks_CaseId_Status",
                table: "case_tasks",
                columns: new[] { "CaseId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_case_tasks_OfficerId_Status",
                table: "case_tasks",
                columns: new[] { "OfficerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_case_tasks_TeamId_Status",
                table: "case_tasks",
                columns: new[] { "TeamId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_danger_incidents_CaseId_ClosedAt",
                table: "danger_incidents",
                columns: new[] { "CaseId", "ClosedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_dash_assessments_CaseId_AssessedAt",
                table: "dash_assessments",
                columns: new[] { "CaseId", "AssessedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_dash_assessments_TaskId",
                table: "dash_assessments",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_needs_assessments_CaseId_Number",
                table: "needs_assessments",
                columns: new[] { "CaseId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_safeguarding_referrals_CaseId",
                table: "safeguarding_referrals",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_thrive_assessments_CaseId_AssessedAt",
                table: "thrive_assessments",
                columns: new[] { "CaseId", "AssessedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "danger_incidents");

            migrationBuilder.DropTable(
                name: "dash_answers");

            migrationBuilder.DropTable(
                name: "needs_assessment_areas");

            migrationBuilder.DropTable(
                name: "safeguarding_referrals");

            migrationBuilder.DropTable(
                name: "thrive_assessments");

            migrationBuilder.DropTable(
                name: "dash_assessments");

            migrationBuilder.DropTable(
                name: "needs_assessments");

            migrationBuilder.DropTable(
                name: "case_tasks");
        }
    }
}
