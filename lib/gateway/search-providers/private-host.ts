/**
 * Whether an address names this machine or a private network (loopback, RFC 1918, link-local,
 * unique-local IPv6, .local and .localhost names): pages a search service on the public web has
 * no business sending the browser to, read only when the service itself lives on such a host.
 */
export function isPrivateAddress(address: string): boolean {
  let host: string;
  try {
    host = new URL(address).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host.startsWith('[')) return privateIpv6(host.slice(1, -1));
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) return true;
  const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host)?.slice(1).map(Number);
  if (!octets) return false;
  const [a, b] = octets as [number, number];
  return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}

function privateIpv6(host: string): boolean {
  if (host === '::1' || host === '::') return true;
  // An IPv4 address mapped into IPv6, as the URL parser writes it (::ffff:7f00:1 for 127.0.0.1).
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (mapped) {
    const [high, low] = [parseInt(mapped[1]!, 16), parseInt(mapped[2]!, 16)];
    return isPrivateAddress(`http://${high >> 8}.${high & 255}.${low >> 8}.${low & 255}/`);
  }
  // fc00::/7 (unique local) and fe80::/10 (link-local).
  return /^f[cd][0-9a-f]{0,2}:/.test(host) || /^fe[89ab][0-9a-f]?:/.test(host);
}
