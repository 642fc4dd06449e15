/** Sizes and durations of one run of the fault suite. */
export interface FaultProfile {
  name: 'short' | 'full';
  /** Hire requests sent during the kill -9, scale and graceful-shutdown scenarios. */
  hires: number;
  /** Hire requests produced while employment is down. */
  backlog: number;
  /** Hire requests in the poison stream (1% of it garbage). */
  poison: number;
  brokerOutageMs: number;
  databaseOutageMs: number;
  /** Generated HTTP requests of the hostile run. */
  hostile: number;
  /** Concurrent HTTP clients of the background load. */
  httpClients: number;
  /** How long a scenario may take to get every outcome after its fault. */
  recoverMs: number;
}

export const PROFILES: Record<FaultProfile['name'], FaultProfile> = {
  short: {
    name: 'short',
    hires: 1000,
    backlog: 4000,
    poison: 1000,
    brokerOutageMs: 8_000,
    databaseOutageMs: 8_000,
    hostile: 600,
    httpClients: 4,
    recoverMs: 60_000,
  },
  full: {
    name: 'full',
    hires: 5000,
    backlog: 20_000,
    poison: 10_000,
    brokerOutageMs: 30_000,
    databaseOutageMs: 30_000,
    hostile: 3000,
    httpClients: 8,
    recoverMs: 180_000,
  },
};
