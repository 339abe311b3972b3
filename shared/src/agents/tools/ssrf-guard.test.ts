// The webhook SSRF guard: every IANA special-purpose range, IPv6 forms carrying an IPv4 address,
// internal names with and without the trailing dot, and every resolved address checked.
import { describe, expect, it } from 'vitest';
import { checkUrl, isInternalName, isPrivateAddress, parsePrivateAllowList } from './ssrf-guard';

const special = [
  ['0.0.0.0/8', '0.1.2.3'],
  ['10.0.0.0/8', '10.255.0.1'],
  ['100.64.0.0/10', '100.127.255.254'],
  ['127.0.0.0/8', '127.8.9.10'],
  ['169.254.0.0/16', '169.254.169.254'],
  ['172.16.0.0/12', '172.31.0.1'],
  ['192.0.0.0/24', '192.0.0.170'],
  ['192.0.2.0/24', '192.0.2.1'],
  ['192.88.99.0/24', '192.88.99.1'],
  ['192.168.0.0/16', '192.168.1.1'],
  ['198.18.0.0/15', '198.19.255.1'],
  ['198.51.100.0/24', '198.51.100.7'],
  ['203.0.113.0/24', '203.0.113.9'],
  ['224.0.0.0/4', '239.1.1.1'],
  ['240.0.0.0/4', '250.0.0.1'],
  ['broadcast', '255.255.255.255'],
  ['::/128', '::'],
  ['::1/128', '::1'],
  ['IPv4-compatible ::/96', '::7f00:1'],
  ['mapped loopback', '::ffff:127.0.0.1'],
  ['mapped metadata', '::ffff:a9fe:a9fe'],
  ['NAT64 loopback', '64:ff9b::7f00:1'],
  ['NAT64 local-use 64:ff9b:1::/48', '64:ff9b:1::8.8.8.8'],
  ['discard 100::/64', '100::1'],
  ['2001::/23 (Teredo)', '2001:0:4136:e378:8000:63bf:3fff:fdd2'],
  ['2001:db8::/32', '2001:db8::1'],
  ['6to4 of 127.0.0.1', '2002:7f00:1::1'],
  ['6to4 of 10.0.0.1', '2002:a00:1::'],
  ['unique local fc00::/7', 'fd12:3456::1'],
  ['link-local fe80::/10', 'fe80::1'],
  ['link-local with zone', 'fe80::1%eth0'],
  ['multicast ff00::/8', 'ff02::1'],
  ['not an address', 'example.com'],
] as const;

const publicOnes = ['8.8.8.8', '1.1.1.1', '198.20.0.1', '192.0.3.1', '2606:4700::1111', '::ffff:8.8.8.8'];

describe('SSRF guard', () => {
  it.each(special)('refuses %s (%s)', (_, address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it('lets public addresses through, an IPv6 form carrying a public IPv4 too', () => {
    for (const a of [...publicOnes, '64:ff9b::808:808', '2002:808:808::1'])
      expect(isPrivateAddress(a), a).toBe(false);
  });

  it('refuses special addresses as URL hosts in every spelling the URL parser accepts', async () => {
    for (const u of [
      'http://[::127.0.0.1]/',
      'http://[64:ff9b::7f00:1]/',
      'http://[::ffff:169.254.169.254]/',
      'http://198.18.0.1/',
      'http://192.0.0.8/',
      'http://0x7f.1/',
      'http://2130706433/',
      'http://017700000001/',
      'http://[2002:c0a8:101::]/',
    ])
      await expect(checkUrl(new URL(u)), u).rejects.toThrow(/private|special/);
  });

  it('refuses internal names, with or without the trailing dot, and the names it is given', async () => {
    for (const name of [
      'localhost',
      'localhost.',
      'LOCALHOST..',
      'api.localhost.',
      'metadata.google.internal.',
      'metadata',
      'printer.local',
      'db',
      'web-1',
      'web-1.',
    ])
      expect(isInternalName(name, ['web-1']), name).toBe(true);
    expect(isInternalName('api.example.com', ['web-1'])).toBe(false);
    await expect(checkUrl(new URL('http://localhost./x'))).rejects.toThrow(/internal/);
    await expect(checkUrl(new URL('http://metadata.google.internal./'))).rejects.toThrow(/internal/);
    await expect(checkUrl(new URL('http://web-1.:8080/'), { blockNames: ['web-1'] })).rejects.toThrow();
  });

  it('checks every resolved address, not only the first', async () => {
    const lookup = async () => ['93.184.216.34', '10.0.0.5'];
    await expect(checkUrl(new URL('https://mixed.example.com/'), { lookup })).rejects.toThrow(/resolves/);
    await expect(
      checkUrl(new URL('https://own.example.com/'), {
        lookup: async () => ['93.184.216.34'],
        blockAddresses: ['93.184.216.34'],
      }),
    ).rejects.toThrow(/resolves/);
    await expect(checkUrl(new URL('https://none.example.com/'), { lookup: async () => [] })).rejects.toThrow(
      /no address/,
    );
    await expect(
      checkUrl(new URL('https://ok.example.com/'), { lookup: async () => ['93.184.216.34', '2606:4700::1'] }),
    ).resolves.toBeUndefined();
  });

  it('lets an allowed host through, compared without case or trailing dot', async () => {
    await expect(checkUrl(new URL('http://CRM.internal./'), { allowHosts: ['crm.internal'] })).resolves.toBe(
      undefined,
    );
  });
});

describe("the operator's opening of private targets (OUTBOUND_ALLOW_PRIVATE, issue 34)", () => {
  const lookup = (answers: Record<string, string[]>) => async (host: string) => answers[host] ?? [];

  it('parses names, addresses, ranges and ports, and refuses what is none of them', () => {
    expect(
      parsePrivateAllowList('127.0.0.1:11434, 10.0.0.0/8 ,ollama.lan:8080,[::1]:1143,fd00::/8,[fd00::/8]:25'),
    ).toEqual([
      { port: 11434, cidr: ['127.0.0.1', 32] },
      { cidr: ['10.0.0.0', 8] },
      { port: 8080, host: 'ollama.lan' },
      { port: 1143, cidr: ['::1', 128] },
      { cidr: ['fd00::', 8] },
      { port: 25, cidr: ['fd00::', 8] },
    ]);
    expect(parsePrivateAllowList('')).toEqual([]);
    for (const bad of ['127.0.0.1:0', '127.0.0.1:70000', '10.0.0.0/33', 'a b', 'http://x', 'host:port'])
      expect(() => parsePrivateAllowList(bad), bad).toThrow(/is not host/);
  });

  it('lets through exactly the opened address, range, name and port; nothing else', async () => {
    const policy = {
      allowPrivate: parsePrivateAllowList('127.0.0.1:11434,10.0.0.0/8,ollama.lan:8080'),
      lookup: lookup({
        'ollama.lan': ['192.168.5.5'],
        'models.example.com': ['10.1.2.3'],
        'meta.example.com': ['169.254.169.254'],
        localhost: ['127.0.0.1', '::1'],
      }),
    };
    const ok = [
      'http://127.0.0.1:11434/v1',
      'http://[::ffff:127.0.0.1]:11434/',
      'https://10.9.9.9/',
      'http://ollama.lan:8080/v1',
      'https://models.example.com/',
    ];
    for (const url of ok) await expect(checkUrl(new URL(url), policy), url).resolves.toBeUndefined();
    const refused = [
      'http://127.0.0.1:11435/v1',
      'http://127.0.0.2:11434/',
      'http://169.254.169.254/',
      'http://ollama.lan:8081/',
      'https://meta.example.com/',
      'http://localhost:11434/', // ::1 is not opened
    ];
    for (const url of refused) await expect(checkUrl(new URL(url), policy), url).rejects.toThrow();
    // Without an opening, nothing private passes.
    await expect(checkUrl(new URL('http://127.0.0.1:11434/'), {})).rejects.toThrow(/private/);
  });
});
