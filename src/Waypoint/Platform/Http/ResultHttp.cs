using Microsoft.AspNetCore.Mvc;

namespace Waypoint.Platform.Http;

/// <summary>The one Result -> HTTP mapping used by every API endpoint.</summary>
public static class ResultHttp
{
    public static IResult ToHttp(this Result result) => result.Kind switch
    {
        ResultKind.Ok => TypedResults.NoContent(),
        ResultKind.Created => TypedResults.NoContent(),
        _ => Problem(result),
    };

    public static IResult ToHttp<T>(this Result<T> result, Func<T, string>? location = null) => result.Kind switch
    {
        ResultKind.Ok => TypedResults.Ok(result.Value),
        ResultKind.Created when location is not null => TypedResults.Created(location(result.Value!), result.Value),
        ResultKind.Created => TypedResults.Ok(result.Value),
        _ => Problem(result),
    };

    private static IResult Problem(Result result)
    {
        var (status, title) = result.Kind switch
        {
            ResultKind.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            ResultKind.Forbidden => (StatusCodes.Status403Forbidden, "Forbidden"),
            ResultKind.Conflict => (StatusCodes.Status409Conflict, "Changed by someone else"),
            _ => (StatusCodes.Status400BadRequest, "The request was refused"),
        };
        if (result.Kind == ResultKind.Rejected && result.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(result.Errors.ToDictionary(), detail: result.Reason, title: title);
        }
        return TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = result.Reason });
    }
}
