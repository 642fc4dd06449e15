import { describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import { brokerPorts, ephemeralRangeStart, freePorts, portsInUse } from './free-port.js';

describe(portsInUse.name, () => {
  it('names the ports something listens on, and only those', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const taken = (server.address() as { port: number }).port;
    const [free] = await freePorts(1);
    try {
      expect(await portsInUse([taken, free])).toEqual([taken]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe(brokerPorts.name, () => {
  it('gives distinct free ports below the ephemeral range, so no outgoing connection takes them', async () => {
    const ports = await brokerPorts(6);
    expect(new Set(ports).size).toBe(6);
    for (const port of ports) expect(port).toBeLessThan(ephemeralRangeStart());
    expect(await portsInUse(ports)).toEqual([]);
  });
});
