import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, onFreePort, PortTaken } from './ports';

describe('onFreePort', () => {
  it('starts again on another port after PortTaken, and answers what the start answered', async () => {
    const tried: number[] = [];
    const result = await onFreePort(async (port) => {
      tried.push(port);
      if (tried.length < 3) throw new PortTaken(port, 'EADDRINUSE');
      return `up on ${port}`;
    });
    expect(tried).toHaveLength(3);
    expect(result).toBe(`up on ${tried[2]}`);
  });

  it('does not retry other failures, and gives up after its attempts', async () => {
    let calls = 0;
    await expect(
      onFreePort(async () => {
        calls++;
        throw new Error('config refused');
      }),
    ).rejects.toThrow('config refused');
    expect(calls).toBe(1);
    calls = 0;
    await expect(
      onFreePort(async (port) => {
        calls++;
        throw new PortTaken(port, 'taken again');
      }, 3),
    ).rejects.toBeInstanceOf(PortTaken);
    expect(calls).toBe(3);
  });

  it('picks a port that can be bound', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    await new Promise((resolve) => server.close(resolve));
  });
});
