using System.Collections.Concurrent;
using Orleans.Metadata;
using Orleans.Runtime;
using Orleans.Serialization.TypeSystem;

namespace Network.Domain.Cluster;

/// <summary>
/// Remembers the name Orleans gives each grain interface by its convention. Orleans 10.4 spells that name anew from
/// the interface's type every time a grain reference is made (<c>GetGrain</c>): about 600 bytes and a type-name parse
/// for each, at least twice for every event the workflows are given (a tenant's registry, the instance). Orleans asks
/// providers such as this one before it falls back to the convention, and uses their answer as its own; this one
/// gives the convention's own answer, spelled once per interface.
/// </summary>
/// <remarks>
/// The spelling is the convention's (<see cref="GrainInterfaceTypeResolver.GetGrainInterfaceTypeByConvention"/>,
/// which <c>GrainInterfaceTypeCacheTests</c> compares it with for every grain interface of the domain). Generic
/// interfaces, which Orleans completes with their type arguments, are left to Orleans. Interfaces that name their own
/// type (<c>[GrainInterfaceType]</c>) are left to Orleans' own provider too, which comes first anyway.
/// </remarks>
public sealed class GrainInterfaceTypeCache(TypeConverter typeConverter) : IGrainInterfaceTypeProvider
{
    // Per interface, its name by the convention, or null where the convention is not what Orleans uses.
    private readonly ConcurrentDictionary<Type, GrainInterfaceType?> _byConvention = new();

    public bool TryGetGrainInterfaceType(Type type, out GrainInterfaceType grainInterfaceType)
    {
        ArgumentNullException.ThrowIfNull(type);
        var known = _byConvention.GetOrAdd(type, static (type, converter) => ByConvention(type, converter), typeConverter);
        grainInterfaceType = known.GetValueOrDefault();
        return known is not null;
    }

    private static GrainInterfaceType? ByConvention(Type type, TypeConverter converter)
    {
        if (type.IsGenericType || type.GetCustomAttributes(inherit: false).OfType<IGrainInterfaceTypeProviderAttribute>().Any())
        {
            return null;
        }
        return GrainInterfaceType.Create(converter.Format(type, static input => input switch
        {
            // As the convention: without the outer assembly's name.
            AssemblyQualifiedTypeSpec qualified => qualified.Type,
            _ => input,
        }));
    }
}
