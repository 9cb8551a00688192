namespace Network.Domain.Tests.Reports;

/// <summary>
/// Reports written for the tests in the template's shape, to prove the parser reads the template rather than the
/// one sample: another forum, session, year and month, three steps, other bullets, other ways of naming people.
/// </summary>
internal static class SyntheticReports
{
    public const string Imrf2021SessionB = """
        Special session letter + theme

        Special session B - Regular pathways for migrant workers: how can civil society hold states to their
        promises?

        1. Civil society commitments for the next 6 months (through IMRF in New York)

        What 3 strategic steps or actions did the group suggest for the next 6 months-- up to and to be reported on at
        the IMRF in New York in May 2022, and specifically who committed during this session to working on them?

        First strategic step or
        action in the next 6
        months

        A shared monitoring template will be circulated by 15 January, and a first round of country reports
        compiled by February 28th 2022. The template will be coordinated by Amal Haddad.

        Specifically who in civil
        society will work on it?

        Migrant Forum in Asia, PICUM and the Global Coalition on Migration; Amal Haddad (Migrant Forum in Asia) will
        coordinate the template.

        Second strategic step or   | Participants proposed a peer exchange on fair recruitment, to meet
        action in the next 6 months| online ahead of the review.

        Specifically who in civil    Twelve participants expressed interest: Ana Lopez, Kenji Sato and
        society will work on it?     the ITUC.

        Third strategic step or action in the next 6 months Partners will draft a joint statement for the
        IMRF, depending on the final modalities resolution.

        Specifically who in civil society will work on it? Women in Migration Network, if funding is secured.

        2. Civil society commitments for the six months June-December 2022

        What 1 strategic step or action did the group suggest for the 6 months after the IMRF, i.e., through to year-
        end 2022, and again, specifically who committed during this session to working on them?

        First strategic step or
        action in the 6 months
        between June and
        December 2022

        A follow-up meeting on the monitoring findings, hosted by the Solidarity Center.

        Specifically who in civil
        society will work on it?

        Solidarity Center / Migrant Forum in Asia

        3. Priority messages to convey to governments by the Chair on 20 November

        If your session could choose only two key messages to be conveyed by the Chair in her report to
        states on the 20th of November, which would these be?

        1. States must report on regular pathways with data that civil society can check.

        2. Recruitment fees must never be charged to workers.

        4. Reflections

        Reflections from the session leads:

        • The review is a chance to hold states to what they signed, but only if civil society comes with
        evidence.
        - Smaller groups worked better than the plenary.
        """;
}
