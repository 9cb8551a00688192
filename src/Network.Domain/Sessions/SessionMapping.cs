using Network.Contracts.Sessions;
using Network.Domain.Commitments;
using Network.Domain.Reports;
using Network.Domain.Tenancy;

namespace Network.Domain.Sessions;

/// <summary>Between the structured session document on the wire and the domain's session and commitment types.</summary>
public static class SessionMapping
{
    /// <summary>A posted document, read as if the parser had produced it, so it goes through the same import.</summary>
    public static ParsedSessionReport ToParsed(this SessionResource document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new ParsedSessionReport(
            document.Forum, document.SessionCode, document.Title, document.Theme, document.HeldOn, document.DateInferred,
            document.Periods.Select(p => new ParsedPeriod(p.Number, p.Title, p.Milestone, p.DueOn,
                p.Commitments.Select(c => new ParsedCommitment(
                    c.Ordinal, c.Text, c.WhoText,
                    // A tenant id given on export resolves to the same tenant again; else the name is resolved. Every
                    // owner is kept in its place, a contact's organisation too: the import adds each owner once, so the
                    // contact's adds nothing, and the owners come back in the order they were exported.
                    c.Owners.Select(o => o.Tenant ?? o.Name).ToList(),
                    // The period's own milestone is added again by the import; keep only the steps of the text.
                    c.Milestones.Where(m => m.Title != p.Milestone || m.DueOn != p.DueOn).Select(m => new ParsedMilestone(m.Title, m.DueOn)).ToList(),
                    // The organisation's text stays as written; the tenant id given on export decides the tenant.
                    c.Contacts.Select(k => new ParsedContact(k.Name, k.Organisation, k.Role, k.Condition, k.OrganisationTenant)).ToList(),
                    c.Interest is { } i ? new ParsedInterest(i.Count, i.Names) : null,
                    c.Condition, c.Dependency, Line: 0)).ToList())).ToList(),
            document.PriorityMessages.Select(m => new ParsedPriorityMessage(m.Number, m.Text, m.DueOn)).ToList(),
            document.Reflections);
    }

    public static SessionResource ToDocument(this SessionDraft session, IReadOnlyDictionary<string, CommitmentDraft> commitments)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(commitments);
        return new SessionResource(
            session.Forum, session.SessionCode, session.Title, session.Theme, session.HeldOn, session.DateInferred,
            session.Periods.Select(p => new PeriodResource(p.Number, p.Title, p.Milestone, p.DueOn,
                p.CommitmentIds.Where(commitments.ContainsKey).Select(id => commitments[id].ToDocument()).ToList())).ToList(),
            session.PriorityMessages.Select(m => new PriorityMessageResource(m.Number, m.Text, m.DueOn)).ToList(),
            session.Reflections,
            session.Id);
    }

    public static SessionCommitmentResource ToDocument(this CommitmentDraft commitment)
    {
        ArgumentNullException.ThrowIfNull(commitment);
        return new SessionCommitmentResource(
            commitment.Ordinal, commitment.Text, commitment.WhoText,
            commitment.Owners.Select(ToDocument).ToList(),
            commitment.Milestones.Select(m => new MilestoneResource(m.Title, m.DueOn)).ToList(),
            commitment.Contacts.Select(ToDocument).ToList(),
            commitment.Interest is { } i ? new InterestResource(i.Count, i.Names) : null,
            commitment.Condition, commitment.Dependency, commitment.Id);
    }

    public static OwnerResource ToDocument(this CommitmentOwner owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return new OwnerResource(owner.Name, TenantIdOf(owner.Tenant));
    }

    public static ContactResource ToDocument(this CommitmentContact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return new ContactResource(contact.Name, contact.Role, contact.Organisation, contact.Condition, TenantIdOf(contact.OrganisationTenant));
    }

    public static string? TenantIdOf(string? path) => path is null ? null : TenantPath.Parse(path).TenantId;
}
