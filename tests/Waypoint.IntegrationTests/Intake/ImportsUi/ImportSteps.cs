using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Waypoint.IntegrationTests.Infrastructure;
using Waypoint.Modules.Administration.Domain;

namespace Waypoint.IntegrationTests.Intake.ImportsUi;

/// <summary>Feed files for the imports pages, and the upload a browser makes: a multipart POST with the page's antiforgery token.</summary>
internal static class ImportSteps
{
    public const string Header = "force_code,crime_reference,person_reference,role,date_reported,offence_description,first_name,last_name,date_of_birth";

    /// <summary>A victims CSV of <paramref name="good"/> valid rows, then one whose date of birth is not a real date (row good + 1).</summary>
    public static string VictimsCsv(Organisation force, int good = 3, bool badRow = true, string header = Header)
    {
        var batch = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var csv = new StringBuilder(header).Append('\n');
        for (var i = 1; i <= good; i++)
        {
            csv.Append(FormattableString.Invariant($"{force.Code},{force.Code}/26/{batch}{i},P{batch}{i},victim,2026-11-20,Burglary dwelling,Alex,Goodrow{(char)('a' + i)},1985-06-01\n"));
        }
        if (badRow)
        {
            csv.Append(FormattableString.Invariant($"{force.Code},{force.Code}/26/{batch}X,P{batch}X,victim,2026-11-20,Burglary dwelling,Sam,Badrow,2026-02-30\n"));
        }
        return csv.ToString();
    }

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string? feed, string? fileName, string content, string contentType = "text/csv")
    {
        var page = await client.GetAsync("/imports/new");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = Forms.TokenFrom(await page.Content.ReadAsStringAsync());
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        if (feed is not null)
        {
            form.Add(new StringContent(feed), "Feed");
        }
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (fileName is null)
        {
            // A browser sends an empty part with an empty file name when no file was chosen.
            file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"File\"", FileName = "\"\"" };
            form.Add(file);
        }
        else
        {
            form.Add(file, "File", fileName);
        }
        return await client.PostAsync("/imports/upload", form);
    }
}
