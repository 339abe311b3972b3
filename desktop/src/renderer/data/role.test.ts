import { describe, expect, it } from 'vitest';
import { mayDo, roleOfToken } from './role';

const token = (payload: object) =>
  `h.${btoa(JSON.stringify(payload)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}.s`;

describe('the role the app offers actions for', () => {
  it('reads the role from the access token, and nothing from a token it cannot read', () => {
    expect(roleOfToken(token({ role: 'rep', email: 'ä@example.com' }))).toBe('rep');
    expect(roleOfToken(token({ role: 'owner' }))).toBeUndefined();
    expect(roleOfToken('not a token')).toBeUndefined();
  });

  it('asks the shared access table, and leaves an unknown role to the server', () => {
    expect(mayDo('rep', 'agent_settings', 'update')).toBe(false);
    expect(mayDo('admin', 'agent_settings', 'update')).toBe(true);
    expect(mayDo('viewer', 'conversations', 'update')).toBe(false);
    expect(mayDo(undefined, 'agent_settings', 'update')).toBe(true);
  });
});
