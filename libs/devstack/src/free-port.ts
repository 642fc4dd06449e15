import { readFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { createServer, type Server } from 'node:net';

function listenOnAnyPort(host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => resolve(server));
  });
}

/**
 * `count` distinct TCP ports that were free on `host` a moment ago (the OS picks them; all are held
 * open together so they differ, then released for the caller to bind).
 */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) servers.push(await listenOnAnyPort(host));
    return servers.map((server) => {
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('No TCP port assigned');
      return address.port;
    });
  } finally {
    await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  }
}

function isFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** The ones of `ports` that something already listens on at `host`. */
export async function portsInUse(ports: number[], host = '127.0.0.1'): Promise<number[]> {
  const free = await Promise.all(ports.map((port) => isFree(port, host)));
  return ports.filter((_, i) => !free[i]);
}

/** Lowest port brokerPorts() picks from. */
const LOWEST_PORT = 20_000;

/** The first port of the kernel's ephemeral range (Linux); 32768 where it cannot be read. */
export function ephemeralRangeStart(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    const port = Number(low);
    return Number.isInteger(port) && port > 1024 ? port : 32_768;
  } catch {
    return 32_768;
  }
}

/**
 * `count` distinct ports free on `host`, below the kernel's ephemeral range when it leaves room
 * (from 20000 on): a broker stopped and started again binds the same ports, and an ephemeral port
 * may meanwhile be the local end of any outgoing connection on the machine (the restart then
 * failed with "Address already in use"). Falls back to freePorts().
 */
export async function brokerPorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const high = ephemeralRangeStart() - 1;
  if (high - LOWEST_PORT < 100 * count) return freePorts(count, host);
  const picked = new Set<number>();
  for (let tries = 0; picked.size < count && tries < 50 * count; tries++) {
    const port = randomInt(LOWEST_PORT, high + 1);
    if (!picked.has(port) && (await isFree(port, host))) picked.add(port);
  }
  if (picked.size < count) return freePorts(count, host);
  return [...picked];
}
