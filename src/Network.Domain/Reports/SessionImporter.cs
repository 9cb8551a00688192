using System.Globalization;
using System.Text;
using Network.Domain.Commitments;
using Network.Domain.ReadModel;
using Network.Domain.Sessions;
using Network.Domain.Tenancy;

namespace Network.Domain.Reports;

/// <summary>
/// Turns a parsed session report into a session and its commitments under a tenant. Ids are derived from the
/// report (forum, year, session, period, step), so importing the same report again finds the same grains and
/// creates nothing new. Commitments are recorded before the session that lists them, so an import cut short by a
/// crash is completed by importing again.
/// </summary>
public sealed class SessionImporter(IGrainFactory grains, ITenantReadModel tenants)
{
    /// <summary>Builds what the report means for <paramref name="home"/>; saves it unless <paramref name="dryRun"/>.</summary>
    /// <remarks>Call with the caller's <see cref="TenantCallContext"/> entered: the grains check it.</remarks>
    public async Task<ImportResult> ImportAsync(TenantPath home, ParsedSessionReport report, bool dryRun, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var result = Plan(report, await tenants.SubtreeAsync(home.Value, cancellationToken).ConfigureAwait(false), dryRun);
        if (!dryRun)
        {
            foreach (var commitment in result.Commitments)
            {
                await grains.GetGrain<ICommitmentGrain>(TenantScopedKey.For(home, commitment.Id)).Import(commitment).ConfigureAwait(false);
            }
            await grains.GetGrain<ISessionGrain>(TenantScopedKey.For(home, result.Session.Id)).Import(result.Session).ConfigureAwait(false);
        }
        return result;
    }

    /// <summary>
    /// What importing <paramref name="report"/> makes, with names resolved against <paramref name="subtree"/> (the home
    /// tenant and every tenant below it): a pure function, saving nothing, so the property tests and the fuzz harness
    /// can take a report through the structured form and back without a silo.
    /// </summary>
    public static ImportResult Plan(ParsedSessionReport report, IEnumerable<TenantListRow> subtree, bool dryRun = true)
    {
        ArgumentNullException.ThrowIfNull(report);
        var (session, commitments, unresolved) = Draft(report, new TenantNameResolver(subtree));
        return new ImportResult(session, commitments, unresolved, dryRun);
    }

    public static string SessionId(ParsedSessionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var year = report.HeldOn.Year.ToString(CultureInfo.InvariantCulture);
        return Slug($"{report.Forum} {year} {report.SessionCode ?? report.Title}");
    }

    private static (SessionDraft, List<CommitmentDraft>, List<string>) Draft(ParsedSessionReport report, TenantNameResolver resolver)
    {
        var sessionId = SessionId(report);
        var unresolved = new List<string>();
        var commitments = new List<CommitmentDraft>();
        var periods = new List<SessionPeriod>();
        foreach (var period in report.Periods)
        {
            var ids = new List<string>();
            foreach (var step in period.Commitments)
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"{sessionId}-{period.Number}-{step.Ordinal}");
                ids.Add(id);
                commitments.Add(DraftCommitment(id, sessionId, report, period, step, resolver, unresolved));
            }
            periods.Add(new SessionPeriod(period.Number, period.Title, period.Milestone, period.DueOn, ids));
        }
        var session = new SessionDraft(sessionId, report.Forum, report.SessionCode, report.Title, report.Theme, report.HeldOn,
            report.DateInferred, periods,
            report.PriorityMessages.Select(m => new PriorityMessage(m.Number, m.Text, m.DueOn)).ToList(),
            report.Reflections.ToList());
        return (session, commitments, unresolved.Distinct(StringComparer.OrdinalIgnoreCase).ToList());
    }

    private static CommitmentDraft DraftCommitment(
        string id, string sessionId, ParsedSessionReport report, ParsedPeriod period, ParsedCommitment step,
        TenantNameResolver resolver, List<string> unresolved)
    {
        var owners = new List<CommitmentOwner>();
        void AddOwner(string name)
        {
            var tenant = resolver.Resolve(name);
            if (tenant is null)
            {
                unresolved.Add(name);
                if (!owners.Any(o => o.Tenant is null && string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase)))
                {
                    owners.Add(new CommitmentOwner(name, null));
                }
            }
            else if (!owners.Any(o => o.Tenant == tenant.Path))
            {
                owners.Add(new CommitmentOwner(tenant.Name, tenant.Path));
            }
        }
        foreach (var candidate in step.OwnerCandidates)
        {
            AddOwner(candidate);
        }
        var contacts = new List<CommitmentContact>();
        foreach (var contact in step.Contacts)
        {
            var known = contact.OrganisationTenant ?? contact.Organisation;
            var organisation = known is null ? null : resolver.Resolve(known);
            if (known is not null)
            {
                AddOwner(known);
            }
            contacts.Add(new CommitmentContact(contact.Name, contact.Role, contact.Organisation, organisation?.Path, contact.Condition));
        }

        var milestones = step.Milestones
            .Select(m => new CommitmentMilestone(m.Title, m.DueOn))
            .Append(new CommitmentMilestone(period.Milestone, period.DueOn))
            .OrderBy(m => m.DueOn)
            .ToList();
        var interest = step.Interest is { } i ? new CommitmentInterest(i.Count, i.Names.ToList()) : null;
        // A commitment that waits on something outside the network starts blocked, and is released when it arrives.
        var status = step.Dependency is null ? CommitmentStatuses.NotStarted : CommitmentStatuses.Blocked;
        return new CommitmentDraft(id, sessionId, report.Title, period.Number, period.Milestone, step.Ordinal, step.Text, step.WhoText,
            period.DueOn, milestones, owners, contacts, interest, step.Condition, step.Dependency, status);
    }

    /// <summary>Lower-case ASCII words joined by '-': accents dropped ("Réunion" → "reunion"), other letters skipped.</summary>
    private static string Slug(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in TenantNameResolver.Normalize(text).Normalize(NormalizationForm.FormD))
        {
            if (c == ' ')
            {
                builder.Append('-');
            }
            else if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
        }
        while (builder.ToString().Contains("--", StringComparison.Ordinal))
        {
            builder.Replace("--", "-");
        }
        var slug = builder.ToString();
        slug = (slug.Length <= 80 ? slug : slug[..80]).Trim('-');
        return slug.Length > 0 ? slug : "session";
    }
}
