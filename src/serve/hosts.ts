/**
 * Which Host headers the server answers (DNS rebinding): a page on evil.example whose name is made
 * to resolve to 127.0.0.1 reaches a loopback server from the parent's own browser, and its requests
 * carry `Host: evil.example`. Such an attack always needs a name of the attacker's; an address
 * typed as digits cannot be rebound. So the server answers:
 * - on loopback (the default): localhost, 127.0.0.1, [::1] and the address it listens on, with
 *   the port it listens on;
 * - beyond loopback (`--host 0.0.0.0 --allow-remote`, a container): localhost and any address
 *   typed as digits, with any port, since a container's port is often mapped to another;
 * - always: the names given with `--host` or `--allow-host` (a reverse proxy's public name), with
 *   any port: the proxy chose it.
 */
import { isIP } from 'node:net';
import { isLoopbackHost } from './options.js';

/** Loopback names every server answers: how a person on this machine opens the page. */
const loopbackNames = ['localhost', '127.0.0.1', '[::1]'];

/** A Host header split into its lower-case name (IPv6 in brackets) and port; undefined when it is not one. */
export function parseHost(header: string | undefined): { name: string; port?: number } | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(?::(\d{1,5}))?$/i.exec(header?.trim() ?? '');
  if (!match) return undefined;
  const name = (match[1] as string).toLowerCase().replace(/\.$/, '');
  return match[2] === undefined ? { name } : { name, port: Number(match[2]) };
}

/** An address as it appears in a Host header: IPv4-mapped IPv6 as IPv4, IPv6 in brackets. */
function hostNameOf(address: string): string {
  const bare = address.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  return isIP(bare) === 6 ? `[${bare}]` : bare;
}

/** A name given on the command line, as it would appear in a Host header (`::1` → `[::1]`). */
export function normalizeAllowedHost(name: string): string {
  const trimmed = name.trim().toLowerCase().replace(/\.$/, '');
  return isIP(trimmed) === 6 ? `[${trimmed}]` : trimmed;
}

export interface Arrival {
  /** The request's Host header. */
  host: string | undefined;
  /** The address the server listens on, and the port the connection arrived at; undefined for injected requests (tests), which check the name only. */
  boundAddress?: string | undefined;
  localPort?: number | undefined;
}

/** Whether the server answers a request for this Host: see the file's comment. */
export function isAllowedHost(arrival: Arrival, allowedHosts: readonly string[]): boolean {
  const parsed = parseHost(arrival.host);
  if (!parsed) return false;
  if (allowedHosts.includes(parsed.name)) return true;
  if (arrival.boundAddress !== undefined && !isLoopbackHost(arrival.boundAddress)) return loopbackNames.includes(parsed.name) || isIP(parsed.name.replace(/^\[(.*)\]$/, '$1')) !== 0;
  const bound = arrival.boundAddress === undefined ? [] : [hostNameOf(arrival.boundAddress)];
  if (![...loopbackNames, ...bound].includes(parsed.name)) return false;
  return arrival.localPort === undefined || (parsed.port ?? 80) === arrival.localPort;
}
