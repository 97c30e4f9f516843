"""Which addresses a server listens on, read from /proc/net/tcp and /proc/net/tcp6 text."""

from __future__ import annotations

import ipaddress

LISTEN = "0A"


def listening(table: str, port: int) -> set[str]:
    """The local addresses in LISTEN state on `port` in a /proc/net/tcp or tcp6 table."""
    found: set[str] = set()
    for line in table.splitlines()[1:]:
        fields = line.split()
        if len(fields) < 4 or fields[3] != LISTEN:
            continue
        addr_hex, _, port_hex = fields[1].partition(":")
        if int(port_hex, 16) == port:
            found.add(_address(addr_hex))
    return found


def listening_ports(table: str, inodes: set[str] | None = None) -> set[int]:
    """Every port in LISTEN state in a /proc/net/tcp or tcp6 table (only sockets with these inodes, if given)."""
    rows = [line.split() for line in table.splitlines()[1:]]
    rows = [f for f in rows if len(f) >= 10 and f[3] == LISTEN and (inodes is None or f[9] in inodes)]
    return {int(f[1].rpartition(":")[2], 16) for f in rows}


def _address(hex_addr: str) -> str:
    # The kernel prints each 32-bit word in host (little-endian) byte order.
    raw = b"".join(bytes.fromhex(hex_addr[i : i + 8])[::-1] for i in range(0, len(hex_addr), 8))
    ip = ipaddress.ip_address(raw)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        return str(ip.ipv4_mapped)
    return str(ip)


def loopback_only(addresses: set[str]) -> bool:
    """True when every listening address is a loopback one (unreachable through `docker run -p`)."""
    return bool(addresses) and all(ipaddress.ip_address(a).is_loopback for a in addresses)
