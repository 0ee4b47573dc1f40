using Waypoint.Platform.Security;

namespace Waypoint.Modules.Care.Domain;

/// <summary>One equality monitoring question: its key (the request's field), its wording and its answers (codes and text).</summary>
public sealed record EqualityQuestion(string Key, string Label, string Heading, IReadOnlyList<(string Code, string Text)> Answers)
{
    public string? Text(string? code) => Answers.FirstOrDefault(a => a.Code == code).Text;
}

/// <summary>
/// The protected characteristics Waypoint asks about (Equality Act 2010), with the ONS 2021 census categories for
/// ethnicity and religion. Every question is optional and every one offers "Prefer not to say".
/// </summary>
public static class EqualityQuestions
{
    public const string PreferNotToSay = "prefer-not-to-say";
    private static readonly (string, string) Prefer = (PreferNotToSay, "Prefer not to say");

    public static readonly EqualityQuestion AgeBand = new("AgeBand", "Age", "Age",
        [("under-18", "Under 18"), ("18-24", "18 to 24"), ("25-34", "25 to 34"), ("35-44", "35 to 44"), ("45-54", "45 to 54"),
         ("55-64", "55 to 64"), ("65-74", "65 to 74"), ("75-plus", "75 or over"), Prefer]);

    public static readonly EqualityQuestion Sex = new("Sex", "What is your sex?", "Sex",
        [("female", "Female"), ("male", "Male"), Prefer]);

    public static readonly EqualityQuestion GenderIdentity = new("GenderIdentity", "Is the gender you identify with the same as your sex registered at birth?", "Gender identity same as sex registered at birth",
        [("yes", "Yes"), ("no", "No"), Prefer]);

    public static readonly EqualityQuestion Ethnicity = new("Ethnicity", "What is your ethnic group?", "Ethnic group",
        [("asian-bangladeshi", "Asian, Asian British or Asian Welsh: Bangladeshi"),
         ("asian-chinese", "Asian, Asian British or Asian Welsh: Chinese"),
         ("asian-indian", "Asian, Asian British or Asian Welsh: Indian"),
         ("asian-pakistani", "Asian, Asian British or Asian Welsh: Pakistani"),
         ("asian-other", "Asian, Asian British or Asian Welsh: any other Asian background"),
         ("black-african", "Black, Black British, Black Welsh, Caribbean or African: African"),
         ("black-caribbean", "Black, Black British, Black Welsh, Caribbean or African: Caribbean"),
         ("black-other", "Black, Black British, Black Welsh, Caribbean or African: any other Black, Black British or Caribbean background"),
         ("mixed-white-asian", "Mixed or multiple ethnic groups: White and Asian"),
         ("mixed-white-black-african", "Mixed or multiple ethnic groups: White and Black African"),
         ("mixed-white-black-caribbean", "Mixed or multiple ethnic groups: White and Black Caribbean"),
         ("mixed-other", "Mixed or multiple ethnic groups: any other Mixed or multiple ethnic background"),
         ("white-british", "White: English, Welsh, Scottish, Northern Irish or British"),
         ("white-irish", "White: Irish"),
         ("white-gypsy-traveller", "White: Gypsy or Irish Traveller"),
         ("white-roma", "White: Roma"),
         ("white-other", "White: any other White background"),
         ("other-arab", "Other ethnic group: Arab"),
         ("other-any", "Other ethnic group: any other ethnic group"),
         Prefer]);

    public static readonly EqualityQuestion Religion = new("Religion", "What is your religion?", "Religion",
        [("none", "No religion"), ("christian", "Christian"), ("buddhist", "Buddhist"), ("hindu", "Hindu"), ("jewish", "Jewish"),
         ("muslim", "Muslim"), ("sikh", "Sikh"), ("other", "Any other religion"), Prefer]);

    public static readonly EqualityQuestion SexualOrientation = new("SexualOrientation", "Which of the following best describes your sexual orientation?", "Sexual orientation",
        [("straight", "Straight or heterosexual"), ("gay-lesbian", "Gay or lesbian"), ("bisexual", "Bisexual"), ("other", "Other sexual orientation"), Prefer]);

    public static readonly EqualityQuestion Disability = new("Disability", "Do you have a physical or mental health condition or illness that has a substantial effect on your day-to-day activities (disability)?", "Disability",
        [("yes", "Yes"), ("no", "No"), Prefer]);

    public static readonly EqualityQuestion Pregnancy = new("Pregnancy", "Are you pregnant, or have you given birth in the last 26 weeks?", "Pregnancy and maternity",
        [("pregnant", "Yes, pregnant"), ("maternity", "Yes, given birth in the last 26 weeks"), ("no", "No"), Prefer]);

    public static readonly EqualityQuestion MaritalStatus = new("MaritalStatus", "What is your legal marital or registered civil partnership status?", "Marriage and civil partnership",
        [("never", "Never married and never registered a civil partnership"), ("married", "Married"), ("civil-partnership", "In a registered civil partnership"),
         ("separated", "Separated, but still legally married or in a civil partnership"), ("divorced", "Divorced or civil partnership dissolved"),
         ("widowed", "Widowed or surviving civil partner"), Prefer]);

    public static readonly IReadOnlyList<EqualityQuestion> All =
        [AgeBand, Sex, GenderIdentity, Ethnicity, Religion, SexualOrientation, Disability, Pregnancy, MaritalStatus];

    /// <summary>How the victim can give their agreement.</summary>
    public static readonly IReadOnlyList<(string Code, string Text)> AgreementMethods =
        [("phone", "By phone"), ("in-person", "In person"), ("writing", "In writing or by email"), ("online", "Online form")];
}

/// <summary>
/// Equality monitoring for one person in one organisation (issue 5, item 8): protected characteristics recorded only
/// with the person's agreement, each optional, used only in aggregate reports. Withdrawing the agreement erases the
/// answers; the row keeps only that it was withdrawn, when and by whom recorded.
/// </summary>
public sealed class EqualityMonitoring
{
    private EqualityMonitoring() { }

    public EqualityMonitoring(Guid organisationId, Guid personId)
    {
        Id = Guid.CreateVersion7();
        OrganisationId = organisationId;
        PersonId = personId;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public Guid PersonId { get; private set; }

    /// <summary>The date the person agreed; null when they never agreed or withdrew.</summary>
    public DateOnly? AgreedOn { get; private set; }
    public string? AgreedHow { get; private set; }
    public string? AgeBand { get; private set; }
    public string? Sex { get; private set; }
    public string? GenderIdentity { get; private set; }
    public string? Ethnicity { get; private set; }
    public string? Religion { get; private set; }
    public string? SexualOrientation { get; private set; }
    public string? Disability { get; private set; }
    public string? Pregnancy { get; private set; }
    public string? MaritalStatus { get; private set; }
    public DateTime? WithdrawnAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedByName { get; private set; } = "";
    public int Version { get; private set; }

    public bool Agreed => AgreedOn is not null;

    public string? Answer(string key) => key switch
    {
        "AgeBand" => AgeBand,
        "Sex" => Sex,
        "GenderIdentity" => GenderIdentity,
        "Ethnicity" => Ethnicity,
        "Religion" => Religion,
        "SexualOrientation" => SexualOrientation,
        "Disability" => Disability,
        "Pregnancy" => Pregnancy,
        "MaritalStatus" => MaritalStatus,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Not an equality question"),
    };

    /// <summary>Records the agreement and the answers (codes checked by the caller; null means not answered).</summary>
    public void Record(DateOnly agreedOn, string how, IReadOnlyDictionary<string, string?> answers, Actor actor)
    {
        AgreedOn = agreedOn;
        AgreedHow = how;
        WithdrawnAt = null;
        AgeBand = answers.GetValueOrDefault("AgeBand");
        Sex = answers.GetValueOrDefault("Sex");
        GenderIdentity = answers.GetValueOrDefault("GenderIdentity");
        Ethnicity = answers.GetValueOrDefault("Ethnicity");
        Religion = answers.GetValueOrDefault("Religion");
        SexualOrientation = answers.GetValueOrDefault("SexualOrientation");
        Disability = answers.GetValueOrDefault("Disability");
        Pregnancy = answers.GetValueOrDefault("Pregnancy");
        MaritalStatus = answers.GetValueOrDefault("MaritalStatus");
        Touch(actor);
    }

    /// <summary>The person withdrew their agreement: every answer is erased.</summary>
    public void Withdraw(Actor actor)
    {
        AgreedOn = null;
        AgreedHow = null;
        AgeBand = Sex = GenderIdentity = Ethnicity = Religion = SexualOrientation = Disability = Pregnancy = MaritalStatus = null;
        WithdrawnAt = actor.Now;
        Touch(actor);
    }

    private void Touch(Actor actor)
    {
        UpdatedAt = actor.Now;
        UpdatedByName = actor.Name;
    }
}
