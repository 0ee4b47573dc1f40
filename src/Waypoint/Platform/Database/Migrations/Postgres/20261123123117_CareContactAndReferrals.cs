using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waypoint.Platform.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CareContactAndReferrals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "contact_attempts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Direction = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    TryAgainAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    TryAgainDoneAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    OverrideReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RefusalOverridden = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ActionId = table.Column<Guid>(type: "uuid", nullable: true),
                    ById = table.Column<Guid>(type: "uuid", nullable: true),
                    ByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contact_attempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_contact_attempts_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "contact_profiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    AllowedChannels = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SafePhone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    SafeEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    SafeDays = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SafeFrom = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    SafeTo = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    SafeTimesNote = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    NoVoicemail = table.Column<bool>(type: "boolean", nullable: false),
                    NoLettersHome = table.Column<bool>(type: "boolean", nullable: false),
                    NoHomeVisits = table.Column<bool>(type: "boolean", nullable: false),
                    CodeWord = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PerpetratorMayAccessPhone = table.Column<bool>(type: "boolean", nullable: false),
                    PreferredLanguage = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: true),
                    InterpreterNeeded = table.Column<bool>(type: "boolean", nullable: false),
                    AccessibilityNeeds = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ProxyName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ProxyRelationship = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ProxyPhone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ProxyEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "uuid", nullable: true),
                    UpdatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contact_profiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_contact_profiles_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_contact_profiles_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "protocol_completions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Protocol = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ConfirmedItems = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ById = table.Column<Guid>(type: "uuid", nullable: true),
                    ByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protocol_completions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_protocol_completions_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "signpostings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: true),
                    ServiceName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ById = table.Column<Guid>(type: "uuid", nullable: true),
                    ByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_signpostings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_signpostings_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "support_services",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ServiceType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Area = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Eligibility = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    HowToRefer = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ReferralEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    Phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Commissioned = table.Column<bool>(type: "boolean", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_support_services", x => x.Id);
                    table.ForeignKey(
                        name: "FK_support_services_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "consent_records",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: true),
                    SharedWith = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    WhatIsShared = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    GivenOn = table.Column<DateOnly>(type: "date", nullable: false),
                    How = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedById = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    WithdrawnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WithdrawnNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_consent_records", x => x.Id);
                    table.ForeignKey(
                        name: "FK_consent_records_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_consent_records_support_services_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "support_services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "service_referrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    ConsentId = table.Column<Guid>(type: "uuid", nullable: true),
                    SafeguardingOverrideReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    SentOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    StatusChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ActionId = table.Column<Guid>(type: "uuid", nullable: true),
                    ById = table.Column<Guid>(type: "uuid", nullable: true),
                    ByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_referrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_service_referrals_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_service_referrals_consent_records_ConsentId",
                        column: x => x.ConsentId,
                        principalTable: "consent_records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_service_referrals_support_services_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "support_services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_consent_records_CaseId",
                table: "consent_records",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_consent_records_ServiceId",
                table: "consent_records",
                column: "ServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_contact_attempts_ById_TryAgainDoneAt_TryAgainAt",
                table: "contact_attempts",
                columns: new[] { "ById", "TryAgainDoneAt", "TryAgainAt" });

            migrationBuilder.CreateIndex(
                name: "IX_contact_attempts_CaseId_At",
                table: "contact_attempts",
                columns: new[] { "CaseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_contact_profiles_OrganisationId_PersonId",
                table: "contact_profiles",
                columns: new[] { "OrganisationId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_contact_profiles_PersonId",
                table: "contact_profiles",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_protocol_completions_CaseId_Protocol",
                table: "protocol_completions",
                columns: new[] { "CaseId", "Protocol" });

            migrationBuilder.CreateIndex(
                name: "IX_service_referrals_CaseId",
                table: "service_referrals",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_service_referrals_ConsentId",
                table: "service_referrals",
                column: "ConsentId");

            migrationBuilder.CreateIndex(
                name: "IX_service_referrals_ServiceId_Status",
                table: "service_referrals",
                columns: new[] { "ServiceId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_signpostings_CaseId",
                table: "signpostings",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_support_services_OrganisationId_Name",
                table: "support_services",
                columns: new[] { "OrganisationId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "contact_attempts");

            migrationBuilder.DropTable(
                name: "contact_profiles");

            migrationBuilder.DropTable(
                name: "protocol_completions");

            migrationBuilder.DropTable(
                name: "service_referrals");

            migrationBuilder.DropTable(
                name: "signpostings");

            migrationBuilder.DropTable(
                name: "consent_records");

            migrationBuilder.DropTable(
                name: "support_services");
        }
    }
}
