namespace Waypoint.Platform.Http;

/// <summary>What a handler answers: success, or an expected refusal a user can read. Broken assumptions throw instead.</summary>
public enum ResultKind
{
    Ok,
    Created,
    NotFound,
    Forbidden,
    Rejected,
    Conflict,
}

public class Result
{
    protected Result(ResultKind kind, string? reason, IReadOnlyDictionary<string, string[]>? errors)
    {
        Kind = kind;
        Reason = reason;
        Errors = errors ?? new Dictionary<string, string[]>();
    }

    public ResultKind Kind { get; }
    public string? Reason { get; }

    /// <summary>Field-level reasons keyed by the request's property name, for error summaries and ProblemDetails.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public bool Succeeded => Kind is ResultKind.Ok or ResultKind.Created;

    public static Result Ok() => new(ResultKind.Ok, null, null);
    public static Result NotFound() => new(ResultKind.NotFound, "Not found.", null);
    public static Result Forbidden(string reason = "You do not have permission to do this.") => new(ResultKind.Forbidden, reason, null);
    public static Result Rejected(string reason, IReadOnlyDictionary<string, string[]>? errors = null) => new(ResultKind.Rejected, reason, errors);
    public static Result Rejected(string field, string reason) => new(ResultKind.Rejected, reason, new Dictionary<string, string[]> { [field] = [reason] });
    public static Result Conflict(string reason) => new(ResultKind.Conflict, reason, null);

    public const string ChangedBySomeoneElse =
        "This record was changed by someone else after you opened it. Nothing you entered has been saved or lost: reload to see their changes, then save again.";
}

public sealed class Result<T> : Result
{
    private Result(ResultKind kind, T? value, string? reason, IReadOnlyDictionary<string, string[]>? errors)
        : base(kind, reason, errors) => Value = value;

    public T? Value { get; }

    public static Result<T> Ok(T value) => new(ResultKind.Ok, value, null, null);
    public static Result<T> Created(T value) => new(ResultKind.Created, value, null, null);

    public static implicit operator Result<T>(ResultFailure failure) => new(failure.Result.Kind, default, failure.Result.Reason, failure.Result.Errors);

    public static Result<T> From(Result failure) => new(failure.Kind, default, failure.Reason, failure.Errors);
}

/// <summary>Lets a handler returning Result&lt;T&gt; return a plain failure: <c>return Fail.NotFound;</c>.</summary>
public readonly record struct ResultFailure(Result Result);

public static class Fail
{
    public static ResultFailure NotFound => new(Result.NotFound());
    public static ResultFailure Forbidden => new(Result.Forbidden());
    public static ResultFailure Conflict => new(Result.Conflict(Result.ChangedBySomeoneElse));
    public static ResultFailure Rejected(string reason) => new(Result.Rejected(reason));
    public static ResultFailure Rejected(string field, string reason) => new(Result.Rejected(field, reason));
    public static ResultFailure Rejected(IReadOnlyDictionary<string, string[]> errors) =>
        new(Result.Rejected("Check the highlighted fields.", errors));
}
