using Microsoft.Extensions.DependencyInjection;
using Network.Domain.Cluster;
using Network.Domain.Tests.Support;
using Orleans.Metadata;
using Orleans.Serialization.TypeSystem;

namespace Network.Domain.Tests.Cluster;

/// <summary>The remembered grain interface names are the ones Orleans' convention spells, for every grain interface of the domain.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainInterfaceTypeCacheTests(ClusterFixture fixture)
{
    private static IEnumerable<Type> DomainGrainInterfaces() => typeof(GrainInterfaceTypeCache).Assembly.GetTypes()
        .Where(t => t.IsInterface && typeof(IGrain).IsAssignableFrom(t) && !t.IsGenericTypeDefinition);

    [Fact]
    public void Every_domain_grain_interface_gets_the_name_the_convention_gives_it_from_the_silo_and_from_the_cache()
    {
        var services = fixture.Cluster.Silos[0].SiloHost.Services;
        var resolver = services.GetRequiredService<GrainInterfaceTypeResolver>();
        var cache = new GrainInterfaceTypeCache(services.GetRequiredService<TypeConverter>());
        var interfaces = DomainGrainInterfaces().ToList();

        Assert.Contains(typeof(Network.Domain.Workflows.IWorkflowInstanceGrain), interfaces);
        foreach (var type in interfaces)
        {
            var convention = resolver.GetGrainInterfaceTypeByConvention(type);
            Assert.True(cache.TryGetGrainInterfaceType(type, out var remembered));
            Assert.True(cache.TryGetGrainInterfaceType(type, out var again));
            Assert.Equal((convention, convention), (remembered, again));
            Assert.Equal(convention, resolver.GetGrainInterfaceType(type));
        }
    }

    [Fact]
    public void A_generic_interface_and_one_that_names_its_type_are_left_to_orleans()
    {
        var services = fixture.Cluster.Silos[0].SiloHost.Services;
        var cache = new GrainInterfaceTypeCache(services.GetRequiredService<TypeConverter>());

        Assert.False(cache.TryGetGrainInterfaceType(typeof(IGenericProbe<string>), out _));
        Assert.False(cache.TryGetGrainInterfaceType(typeof(INamedProbe), out _));
        Assert.Equal("named-probe", services.GetRequiredService<GrainInterfaceTypeResolver>().GetGrainInterfaceType(typeof(INamedProbe)).ToString());
    }

    public interface IGenericProbe<T> : IGrainWithStringKey;

    [GrainInterfaceType("named-probe")]
    public interface INamedProbe : IGrainWithStringKey;
}
