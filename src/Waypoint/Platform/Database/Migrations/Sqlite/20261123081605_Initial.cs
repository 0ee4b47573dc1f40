using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Waypoint.Platform.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "audit_chain_head",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_chain_head", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Operation = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecordType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RecordId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Field = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    OldValue = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    NewValue = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CorrelationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PreviousHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_log", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "bank_holidays",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bank_holidays", x => x.Date);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "organisations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TeamScoped = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_organisations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "api_tokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Permissions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IssuedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastUsedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_tokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_api_tokens_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Disabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastSignInAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    MustChangePassword = table.Column<bool>(type: "INTEGER", nullable: false),
                    Skills = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUsers_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "crimes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ForceOrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CrimeReference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    OffenceCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    OffenceDescription = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    DateReported = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DateOfOffence = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    OfficerInCaseName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OfficerInCaseEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    OfficerInCasePhone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    InvestigationStatus = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OffenceFlags = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    OfficerInCaseId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crimes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_crimes_organisations_ForceOrganisationId",
                        column: x => x.ForceOrganisationId,
                        principalTable: "organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "force_access_grants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GranteeOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ForceOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GrantedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GrantedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_force_access_grants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_force_access_grants_organisations_ForceOrganisationId",
                        column: x => x.ForceOrganisationId,
                        principalTable: "organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_force_access_grants_organisations_GranteeOrganisationId",
                        column: x => x.GranteeOrganisationId,
                        principalTable: "organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "imports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Feed = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: true),
                    SentBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SentByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ApiClientId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RowsRead = table.Column<int>(type: "INTEGER", nullable: false),
                    Created = table.Column<int>(type: "INTEGER", nullable: false),
                    Updated = table.Column<int>(type: "INTEGER", nullable: false),
                    Unchanged = table.Column<int>(type: "INTEGER", nullable: false),
                    Quarantined = table.Column<int>(type: "INTEGER", nullable: false),
                    Warnings = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_imports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_imports_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "people",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ForceOrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PersonReference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    FirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LastName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    BusinessName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DateOfBirth = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Mobile = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    AddressLine1 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AddressLine2 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Town = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Postcode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    PreferredLanguage = table.Column<string>(type: "TEXT", maxLength: 35, nullable: true),
                    InterpreterRequired = table.Column<bool>(type: "INTEGER", nullable: false),
                    VulnerabilityFlags = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ContactRestrictions = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_people", x => x.Id);
                    table.ForeignKey(
                        name: "FK_people_organisations_ForceOrganisationId",
                        column: x => x.ForceOrganisationId,
                        principalTable: "organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_people_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "teams",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Archived = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teams", x => x.Id);
                    table.ForeignKey(
                        name: "FK_teams_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "investigation_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CrimeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EventAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Details = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    SuspectReference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ImportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_investigation_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_investigation_events_crimes_CrimeId",
                        column: x => x.CrimeId,
                        principalTable: "crimes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_investigation_events_imports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "imports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "quarantined_rows",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ImportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Feed = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RowNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    RawContent = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: false),
                    Reasons = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ForceCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    CrimeReference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Resolution = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quarantined_rows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_quarantined_rows_imports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "imports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CrimeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ReferringAgency = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AllocatedOfficerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AllocatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Restricted = table.Column<bool>(type: "INTEGER", nullable: false),
                    RestrictionReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    ReferralConsent = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EntitlementLevel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EnhancedReasons = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ComputedEntitlementLevel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EntitlementOverride = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    EntitlementOverrideNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Priority = table.Column<int>(type: "INTEGER", nullable: false),
                    ComputedPriority = table.Column<int>(type: "INTEGER", nullable: false),
                    PriorityReasons = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    PriorityOverride = table.Column<int>(type: "INTEGER", nullable: true),
                    PriorityOverrideNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    OverriddenBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    OverriddenAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RepeatVictim = table.Column<bool>(type: "INTEGER", nullable: false),
                    TriagedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FeedRowHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cases_AspNetUsers_AllocatedOfficerId",
                        column: x => x.AllocatedOfficerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_cases_crimes_CrimeId",
                        column: x => x.CrimeId,
                        principalTable: "crimes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_cases_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_cases_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_cases_teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "user_teams",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_user_teams", x => new { x.UserId, x.TeamId });
                    table.ForeignKey(
                        name: "FK_user_teams_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_user_teams_teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_break_glass",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_break_glass", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_break_glass_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_named_users",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_named_users", x => new { x.CaseId, x.UserId });
                    table.ForeignKey(
                        name: "FK_case_named_users_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_case_named_users_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_timeline",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_timeline", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_timeline_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "referrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReferringAgency = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ReferrerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ReferrerContact = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    ReportedToPolice = table.Column<bool>(type: "INTEGER", nullable: true),
                    WhatHappened = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    SafeContactMethod = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SafeContactTimes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ConsentToContact = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_referrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_referrals_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_referrals_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "bank_holidays",
                columns: new[] { "Date", "Name" },
                values: new object[,]
                {
                    { new DateOnly(2024, 1, 1), "New Year's Day" },
                    { new DateOnly(2024, 3, 29), "Good Friday" },
                    { new DateOnly(2024, 4, 1), "Easter Monday" },
                    { new DateOnly(2024, 5, 6), "Early May bank holiday" },
                    { new DateOnly(2024, 5, 27), "Spring bank holiday" },
                    { new DateOnly(2024, 8, 26), "Summer bank holiday" },
                    { new DateOnly(2024, 12, 25), "Christmas Day" },
                    { new DateOnly(2024, 12, 26), "Boxing Day" },
                    { new DateOnly(2025, 1, 1), "New Year's Day" },
                    { new DateOnly(2025, 4, 18), "Good Friday" },
                    { new DateOnly(2025, 4, 21), "Easter Monday" },
                    { new DateOnly(2025, 5, 5), "Early May bank holiday" },
                    { new DateOnly(2025, 5, 26), "Spring bank holiday" },
                    { new DateOnly(2025, 8, 25), "Summer bank holiday" },
                    { new DateOnly(2025, 12, 25), "Christmas Day" },
                    { new DateOnly(2025, 12, 26), "Boxing Day" },
                    { new DateOnly(2026, 1, 1), "New Year's Day" },
                    { new DateOnly(2026, 4, 3), "Good Friday" },
                    { new DateOnly(2026, 4, 6), "Easter Monday" },
                    { new DateOnly(2026, 5, 4), "Early May bank holiday" },
                    { new DateOnly(2026, 5, 25), "Spring bank holiday" },
                    { new DateOnly(2026, 8, 31), "Summer bank holiday" },
                    { new DateOnly(2026, 12, 25), "Christmas Day" },
                    { new DateOnly(2026, 12, 28), "Boxing Day (substitute day)" },
                    { new DateOnly(2027, 1, 1), "New Year's Day" },
                    { new DateOnly(2027, 3, 26), "Good Friday" },
                    { new DateOnly(2027, 3, 29), "Easter Monday" },
                    { new DateOnly(2027, 5, 3), "Early May bank holiday" },
                    { new DateOnly(2027, 5, 31), "Spring bank holiday" },
                    { new DateOnly(2027, 8, 30), "Summer bank holiday" },
                    { new DateOnly(2027, 12, 27), "Christmas Day (substitute day)" },
                    { new DateOnly(2027, 12, 28), "Boxing Day (substitute day)" },
                    { new DateOnly(2028, 1, 3), "New Year's Day (substitute day)" },
                    { new DateOnly(2028, 4, 14), "Good Friday" },
                    { new DateOnly(2028, 4, 17), "Easter Monday" },
                    { new DateOnly(2028, 5, 1), "Early May bank holiday" },
                    { new DateOnly(2028, 5, 29), "Spring bank holiday" },
                    { new DateOnly(2028, 8, 28), "Summer bank holiday" },
                    { new DateOnly(2028, 12, 25), "Christmas Day" },
                    { new DateOnly(2028, 12, 26), "Boxing Day" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_api_tokens_Hash",
                table: "api_tokens",
                column: "Hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_api_tokens_OrganisationId",
                table: "api_tokens",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_OrganisationId",
                table: "AspNetUsers",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_OccurredAt",
                table: "audit_log",
                column: "OccurredAt");

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_PersonId_OccurredAt",
                table: "audit_log",
                columns: new[] { "PersonId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_RecordType_RecordId",
                table: "audit_log",
                columns: new[] { "RecordType", "RecordId" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_Sequence",
                table: "audit_log",
                column: "Sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_UserId_OccurredAt",
                table: "audit_log",
                columns: new[] { "UserId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_case_break_glass_CaseId_UserId_ExpiresAt",
                table: "case_break_glass",
                columns: new[] { "CaseId", "UserId", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_case_named_users_UserId",
                table: "case_named_users",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_case_timeline_CaseId_At",
                table: "case_timeline",
                columns: new[] { "CaseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_AllocatedOfficerId",
                table: "cases",
                column: "AllocatedOfficerId");

            migrationBuilder.CreateIndex(
                name: "IX_cases_CrimeId",
                table: "cases",
                column: "CrimeId");

            migrationBuilder.CreateIndex(
                name: "IX_cases_OrganisationId_CreatedAt",
                table: "cases",
                columns: new[] { "OrganisationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_OrganisationId_Priority_CreatedAt",
                table: "cases",
                columns: new[] { "OrganisationId", "Priority", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_OrganisationId_Status",
                table: "cases",
                columns: new[] { "OrganisationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_PersonId_CrimeId",
                table: "cases",
                columns: new[] { "PersonId", "CrimeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cases_TeamId_Status",
                table: "cases",
                columns: new[] { "TeamId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_crimes_ForceOrganisationId_CrimeReference",
                table: "crimes",
                columns: new[] { "ForceOrganisationId", "CrimeReference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_force_access_grants_ForceOrganisationId",
                table: "force_access_grants",
                column: "ForceOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_force_access_grants_GranteeOrganisationId_ForceOrganisationId",
                table: "force_access_grants",
                columns: new[] { "GranteeOrganisationId", "ForceOrganisationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_imports_OrganisationId_Feed_ContentHash",
                table: "imports",
                columns: new[] { "OrganisationId", "Feed", "ContentHash" });

            migrationBuilder.CreateIndex(
                name: "IX_imports_OrganisationId_ReceivedAt",
                table: "imports",
                columns: new[] { "OrganisationId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_investigation_events_CrimeId_EventAt",
                table: "investigation_events",
                columns: new[] { "CrimeId", "EventAt" });

            migrationBuilder.CreateIndex(
                name: "IX_investigation_events_CrimeId_EventId",
                table: "investigation_events",
                columns: new[] { "CrimeId", "EventId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_investigation_events_ImportId",
                table: "investigation_events",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_organisations_Code",
                table: "organisations",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_people_ForceOrganisationId_PersonReference",
                table: "people",
                columns: new[] { "ForceOrganisationId", "PersonReference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_people_LastName",
                table: "people",
                column: "LastName");

            migrationBuilder.CreateIndex(
                name: "IX_people_OrganisationId",
                table: "people",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_quarantined_rows_ImportId_RowNumber",
                table: "quarantined_rows",
                columns: new[] { "ImportId", "RowNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_quarantined_rows_OrganisationId_Status",
                table: "quarantined_rows",
                columns: new[] { "OrganisationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_quarantined_rows_Status_ForceCode_CrimeReference",
                table: "quarantined_rows",
                columns: new[] { "Status", "ForceCode", "CrimeReference" });

            migrationBuilder.CreateIndex(
                name: "IX_referrals_CaseId",
                table: "referrals",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_referrals_OrganisationId",
                table: "referrals",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_teams_OrganisationId_Name",
                table: "teams",
                columns: new[] { "OrganisationId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_user_teams_TeamId",
                table: "user_teams",
                column: "TeamId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_tokens");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "audit_chain_head");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "bank_holidays");

            migrationBuilder.DropTable(
                name: "case_break_glass");

            migrationBuilder.DropTable(
                name: "case_named_users");

            migrationBuilder.DropTable(
                name: "case_timeline");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "force_access_grants");

            migrationBuilder.DropTable(
                name: "investigation_events");

            migrationBuilder.DropTable(
                name: "quarantined_rows");

            migrationBuilder.DropTable(
                name: "referrals");

            migrationBuilder.DropTable(
                name: "user_teams");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "imports");

            migrationBuilder.DropTable(
                name: "cases");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "crimes");

            migrationBuilder.DropTable(
                name: "people");

            migrationBuilder.DropTable(
                name: "teams");

            migrationBuilder.DropTable(
                name: "organisations");
        }
    }
}
