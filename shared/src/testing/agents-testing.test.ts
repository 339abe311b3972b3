// The in-memory store and the delivery simulation are test code: `@app/shared/testing` exports them,
// the agents' production entry (`@app/shared/agents`) does not (issue 63 step 5).
import { describe, expect, it } from 'vitest';
import * as agents from '../agents/index';
import * as testing from './index';

describe('agents test code', () => {
  it('is behind @app/shared/testing, not @app/shared/agents', () => {
    expect(Object.keys(agents)).not.toContain('createMemoryStore');
    expect(Object.keys(agents)).not.toContain('deliverDue');
    expect(typeof testing.createMemoryStore).toBe('function');
    expect(typeof testing.deliverDue).toBe('function');
  });
});
