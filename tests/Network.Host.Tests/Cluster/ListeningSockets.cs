using System.Buffers.Binary;
using System.Globalization;
using System.Net;

namespace Network.Host.Tests.Cluster;

/// <summary>What the kernel says is listening on a TCP port (/proc/net/tcp and tcp6), whichever process holds it.</summary>
public static class ListeningSockets
{
    private const string Listen = "0A";

    /// <summary>The local addresses of every listening socket on <paramref name="port"/>, IPv4-mapped ones as IPv4.</summary>
    public static IReadOnlyList<IPAddress> AddressesListeningOn(int port)
    {
        var addresses = new List<IPAddress>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 4 || fields[3] != Listen)
                {
                    continue;
                }
                var local = fields[1].Split(':');
                if (int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) != port)
                {
                    continue;
                }
                var address = Parse(local[0]);
                addresses.Add(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
            }
        }
        return addresses;
    }

    /// <summary>The kernel prints an address as 32-bit words in host (little-endian) byte order.</summary>
    private static IPAddress Parse(string hex)
    {
        var bytes = new byte[hex.Length / 2];
        for (var word = 0; word < bytes.Length / 4; word++)
        {
            var value = uint.Parse(hex.AsSpan(word * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(word * 4, 4), value);
        }
        return new IPAddress(bytes);
    }
}
