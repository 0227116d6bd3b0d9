/**
 * Issue 13: the server answers only the host names it is reached by. A page on evil.example whose
 * name resolves to 127.0.0.1 (DNS rebinding) would otherwise call the API from a parent's browser.
 */
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAllowedHost, parseHost } from '../src/serve/hosts.js';
import { buildServer, type Server } from '../src/serve/server.js';
import { cjk } from './helpers/language.js';

/** A request with exactly this Host header (fetch may not set one), over a real connection. */
function get(port: number, path: string, host: string, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = request({ host: '127.0.0.1', port, path, method, headers: { host } }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    sent.on('error', reject).end();
  });
}

describe('which Host headers are answered', () => {
  it.each([
    ['127.0.0.1:8080', { name: '127.0.0.1', port: 8080 }],
    ['LocalHost', { name: 'localhost' }],
    ['[::1]:8080', { name: '[::1]', port: 8080 }],
    ['shebao.example.org.', { name: 'shebao.example.org' }],
  ])('reads %s', (header, parsed) => expect(parseHost(header)).toEqual(parsed));

  it.each(['', 'a b', 'evil.example:80:80', '[::1', 'user@host'])('finds no host in %j', (header) => expect(parseHost(header)).toBeUndefined());

  const at = (host: string) => ({ host, boundAddress: '127.0.0.1', localPort: 8080 });
  it.each([
    ['127.0.0.1:8080', [], true],
    ['localhost:8080', [], true],
    ['[::1]:8080', [], true],
    ['127.0.0.1:9090', [], false],
    ['localhost', [], false],
    ['evil.example:8080', [], false],
    ['127.0.0.1.evil.example:8080', [], false],
    ['shebao.example.org', ['shebao.example.org'], true],
    ['SHEBAO.example.org:443', ['shebao.example.org'], true],
    ['other.example.org', ['shebao.example.org'], false],
  ] as const)('Host %s with --allow-host %j: %s', (host, allowed, answered) => expect(isAllowedHost(at(host), allowed)).toBe(answered));

  it('answers the address it listens on, IPv6 in brackets', () => {
    expect(isAllowedHost({ host: '127.0.0.2:8080', boundAddress: '127.0.0.2', localPort: 8080 }, [])).toBe(true);
    expect(isAllowedHost({ host: '[::1]:8080', boundAddress: '::1', localPort: 8080 }, [])).toBe(true);
  });

  it('beyond loopback (a container), answers any address typed as digits with any port, but still no other name', () => {
    const container = (host: string) => ({ host, boundAddress: '0.0.0.0', localPort: 8080 });
    for (const host of ['192.168.1.20:8080', '172.17.0.2:8080', 'localhost:9000', '[fd00::5]:8080', '10.0.0.7']) expect(isAllowedHost(container(host), []), host).toBe(true);
    for (const host of ['evil.example:8080', 'shebao.internal:8080']) expect(isAllowedHost(container(host), []), host).toBe(false);
    expect(isAllowedHost(container('shebao.internal:8080'), ['shebao.internal'])).toBe(true);
  });

  it('refuses a request without a Host header', () => expect(isAllowedHost({ host: undefined, boundAddress: '127.0.0.1', localPort: 8080 }, [])).toBe(false));
});

describe('a server on loopback', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = await buildServer({ concurrency: 1, allowedHosts: ['Shebao.Example.org'] });
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    port = (server.app.server.address() as AddressInfo).port;
  });
  afterAll(() => server.app.close());

  it('answers the names a person on this machine opens it by', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, 'shebao.example.org', 'shebao.example.org:443']) {
      expect((await get(port, '/healthz', host)).status, host).toBe(200);
    }
  });

  it('refuses another name, or the right name with another port, with a 403 host-not-allowed in the request’s language', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, 'localhost']) {
      const response = await get(port, '/api/regions?lang=en', host);
      expect(response.status, host).toBe(403);
      const { error } = JSON.parse(response.body) as { error: { code: string; message: string; hint: string } };
      expect(error.code).toBe('host-not-allowed');
      expect(`${error.message} ${error.hint}`).not.toMatch(cjk);
      expect(error.hint).toContain('--allow-host');
    }
    const zh = JSON.parse((await get(port, '/api/plan?newborn=2026-01-01&lang=zh', 'evil.example')).body) as { error: { code: string; message: string } };
    expect(zh.error.code).toBe('host-not-allowed');
    expect(zh.error.message).toMatch(cjk);
  });

  it('refuses a photo route before its place in the queue: a full server still says 403, not 429', async () => {
    const held = Array.from({ length: server.limits.concurrency + server.limits.queueLength }, () => server.queue.enter());
    try {
      expect((await get(port, '/api/check', 'evil.example', 'POST')).status).toBe(403);
      expect((await get(port, '/api/check', `127.0.0.1:${port}`, 'POST')).status).toBe(429);
    } finally {
      for (const ticket of held) ticket.leave();
    }
  });
});
