import { describe, expect, it, vi } from 'vitest';
import { isAllowedServerUrl, serverConnectSources, serverUrlProblem } from './server-url';

vi.mock('electron', () => ({}));

describe('server URL rule', () => {
  it('accepts https anywhere and plain http on this computer only', () => {
    expect(isAllowedServerUrl('https://crm.example.com')).toBe(true);
    expect(isAllowedServerUrl('https://crm.example.com/tenant/a')).toBe(true);
    expect(isAllowedServerUrl('http://localhost:8080')).toBe(true);
    expect(isAllowedServerUrl('http://127.0.0.1:8080')).toBe(true);
    expect(isAllowedServerUrl('http://crm.example.com')).toBe(false);
    expect(isAllowedServerUrl('http://192.168.1.10:8080')).toBe(false);
    expect(isAllowedServerUrl('http://localhost.evil.example')).toBe(false);
    // The CSP cannot name an IPv6 literal, so the rule does not either (http://localhost reaches ::1).
    expect(isAllowedServerUrl('http://[::1]:8080')).toBe(false);
  });

  it('refuses other schemes, credentials, queries, fragments, spaces and junk, saying why', () => {
    expect(serverUrlProblem('javascript:alert(1)')).toMatch(/https:\/\//);
    expect(serverUrlProblem('file:///etc/passwd')).toMatch(/https:\/\//);
    expect(serverUrlProblem('ws://localhost:8080')).toMatch(/https:\/\//);
    expect(serverUrlProblem('https://user:secret@crm.example.com')).toMatch(/user name or password/);
    expect(serverUrlProblem('https://user@crm.example.com')).toMatch(/user name or password/);
    expect(serverUrlProblem('https://crm.example.com/?x=1')).toMatch(/query/);
    expect(serverUrlProblem('https://crm.example.com/#x')).toMatch(/fragment/);
    expect(serverUrlProblem('https://crm.example.com/?')).toMatch(/query/);
    expect(serverUrlProblem(' https://crm.example.com')).toMatch(/spaces/);
    expect(serverUrlProblem('https://crm.exa\nmple.com')).toMatch(/spaces/);
    expect(serverUrlProblem('http://crm.example.com')).toMatch(/Plain http:\/\/ .*localhost/);
    expect(serverUrlProblem('not a url')).not.toBeNull();
    expect(serverUrlProblem('')).toMatch(/empty/);
    expect(serverUrlProblem(42)).toMatch(/empty/);
    expect(serverUrlProblem(`https://x.example/${'a'.repeat(2048)}`)).toMatch(/too long/);
    expect(serverUrlProblem('https://crm.example.com')).toBeNull();
  });

  it('gives the CSP the same rule: https, or http on localhost / 127.0.0.1', () => {
    expect([...serverConnectSources]).toEqual(['https:', 'http://localhost:*', 'http://127.0.0.1:*']);
  });
});
