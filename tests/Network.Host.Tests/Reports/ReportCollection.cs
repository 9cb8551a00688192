namespace Network.Host.Tests.Reports;

/// <summary>The report tests share one host (and its clock): it is set up once, then only read.</summary>
[CollectionDefinition(Name)]
public sealed class ReportCollection : ICollectionFixture<ReportHostFixture>
{
    public const string Name = "reports";
}
