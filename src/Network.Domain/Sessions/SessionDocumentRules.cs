using Network.Contracts.Sessions;
using Network.Domain.Errors;

namespace Network.Domain.Sessions;

/// <summary>The checks a posted session document must pass; each refusal names the JSON path of the problem.</summary>
public static class SessionDocumentRules
{
    public static void Validate(SessionResource document)
    {
        ArgumentNullException.ThrowIfNull(document);
        Require(document.Forum, "forum");
        Require(document.Title, "title");
        if (document.Periods.Count == 0)
        {
            throw new DomainValidationException("periods", "A session needs at least one commitment period.");
        }
        RequireDistinct(document.Periods.Select(p => p.Number), "periods", "number");
        for (var p = 0; p < document.Periods.Count; p++)
        {
            var period = document.Periods[p];
            var at = $"periods[{p}]";
            if (period.Number < 1)
            {
                throw new DomainValidationException($"{at}.number", "Period numbers start at 1.");
            }
            Require(period.Milestone, $"{at}.milestone");
            RequireDistinct(period.Commitments.Select(c => c.Ordinal), $"{at}.commitments", "ordinal");
            for (var c = 0; c < period.Commitments.Count; c++)
            {
                var commitment = period.Commitments[c];
                if (commitment.Ordinal < 1)
                {
                    throw new DomainValidationException($"{at}.commitments[{c}].ordinal", "Ordinals start at 1.");
                }
                Require(commitment.Text, $"{at}.commitments[{c}].text");
                if (commitment.Interest is { Count: < 0 })
                {
                    throw new DomainValidationException($"{at}.commitments[{c}].interest.count", "A count of interested participants cannot be negative.");
                }
            }
        }
        for (var m = 0; m < document.PriorityMessages.Count; m++)
        {
            Require(document.PriorityMessages[m].Text, $"priorityMessages[{m}].text");
        }
    }

    private static void Require(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainValidationException(field, $"'{field}' is required and may not be blank.");
        }
    }

    private static void RequireDistinct(IEnumerable<int> numbers, string field, string what)
    {
        var duplicate = numbers.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new DomainValidationException(field, $"Two entries have {what} {duplicate.Key}; each must be unique.");
        }
    }
}
