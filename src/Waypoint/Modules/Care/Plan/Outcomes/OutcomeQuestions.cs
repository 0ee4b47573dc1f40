using System.Globalization;
using Waypoint.Platform.Http;

namespace Waypoint.Modules.Care.Plan.Outcomes;

/// <summary>One "cope and recover" question (Waypoint:Care:OutcomeMeasures:Questions): a short stable id and its text.</summary>
public sealed class OutcomeQuestion
{
    public string Id { get; set; } = "";
    public string Text { get; set; } = "";
}

/// <summary>
/// The outcome question set and its 1-5 scale (Waypoint:Care:OutcomeMeasures). The MoJ wording is not confirmed
/// (domain.md B9 [GAP]), so the questions are configuration; the defaults are the five areas the issue names.
/// </summary>
public sealed class OutcomeOptions
{
    public List<OutcomeQuestion> Questions { get; set; } = [];

    /// <summary>Five labels, for 1 to 5.</summary>
    public List<string> Scale { get; set; } = [];

    public static readonly IReadOnlyList<OutcomeQuestion> DefaultQuestions =
    [
        new() { Id = "coping", Text = "I am able to cope with everyday life" },
        new() { Id = "safety", Text = "I feel safe" },
        new() { Id = "health", Text = "My health and wellbeing are good" },
        new() { Id = "informed", Text = "I feel informed about my case and the support available to me" },
        new() { Id = "justice", Text = "My experience of the criminal justice system has been good" },
    ];

    public static readonly IReadOnlyList<string> DefaultScale =
        ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"];

    public IReadOnlyList<OutcomeQuestion> QuestionsInForce => Questions.Count > 0 ? Questions : DefaultQuestions;

    public IReadOnlyList<string> ScaleInForce => Scale.Count == 5 ? Scale : DefaultScale;

    /// <summary>The radio options for one question: 1 to 5 with their labels, then "Did not answer" (value "none").</summary>
    public IReadOnlyList<(string Value, string Text)> AnswerOptions() =>
        ScaleInForce.Select((label, i) => ((i + 1).ToString(CultureInfo.InvariantCulture), $"{i + 1} - {label}"))
            .Append((NotAnswered, "Did not answer")).ToList();

    public const string NotAnswered = "none";

    /// <summary>The error key and element id of a question (answers are posted as Input.Answers[questionId]).</summary>
    public static string Field(string questionId) => $"Answer-{questionId}";

    /// <summary>
    /// Reads answers keyed by question id ("1".."5" or "none"). With <paramref name="required"/>, every question needs
    /// a choice (a score or "did not answer"); otherwise an unchosen question counts as not answered.
    /// </summary>
    public IReadOnlyList<(string QuestionId, string Text, int? Score)>? Read(IReadOnlyDictionary<string, string?>? answers, bool required, ValidationErrors errors)
    {
        var result = new List<(string, string, int?)>();
        var ok = true;
        foreach (var q in QuestionsInForce)
        {
            var value = answers?.GetValueOrDefault(q.Id)?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                if (required)
                {
                    errors.Add(Field(q.Id), $"Select the victim's answer to \"{q.Text}\", or \"Did not answer\"");
                    ok = false;
                }
                result.Add((q.Id, q.Text, null));
            }
            else if (string.Equals(value, NotAnswered, StringComparison.OrdinalIgnoreCase))
            {
                result.Add((q.Id, q.Text, null));
            }
            else if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var score) && score is >= 1 and <= 5)
            {
                result.Add((q.Id, q.Text, score));
            }
            else
            {
                errors.Add(Field(q.Id), $"The answer to \"{q.Text}\" must be from 1 to 5, or \"Did not answer\"");
                ok = false;
            }
        }
        return ok ? result : null;
    }

    public string Label(int score) => score is >= 1 and <= 5 ? ScaleInForce[score - 1] : "";
}
