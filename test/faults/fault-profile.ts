/** A long run at a steady share of the measured capacity (`--profile soak`). */
export interface SoakSettings {
  /** How long the steady load runs. */
  durationMs: number;
  /** How often memory, latency, lag and backlog are sampled. */
  sampleMs: number;
  /** How long the closed-loop capacity probe runs before the soak, and with how many clients. */
  probeMs: number;
  probeClients: number;
  /** The share of the probed HTTP capacity the soak offers (0.5: half). */
  loadShare: number;
  /** Clients sharing the paced HTTP load (enough to keep the pace through slow answers). */
  clients: number;
  /** Hire requests a second put on Kafka beside the HTTP load. */
  hiresPerSecond: number;
}

/** Sizes and durations of one run of the fault suite. */
export interface FaultProfile {
  name: 'short' | 'full' | 'soak';
  /** Hire requests sent during the kill -9, scale and graceful-shutdown scenarios. */
  hires: number;
  /** Hire requests produced while employment is down. */
  backlog: number;
  /** Keys (so at most as many partitions) the backlog is spread over: thousands of ids per partition. */
  backlogKeys: number;
  /** How long the backlog may take to be answered after employment starts. */
  backlogRecoverMs: number;
  /** Hire requests in the poison stream (1% of it garbage). */
  poison: number;
  brokerOutageMs: number;
  databaseOutageMs: number;
  /** How long the network to the broker and the database is slow, before the stalls. */
  slowNetworkMs: number;
  /** Generated HTTP requests of the hostile run. */
  hostile: number;
  /** Concurrent HTTP clients of the background load. */
  httpClients: number;
  /** How long a scenario may take to get every outcome after its fault. */
  recoverMs: number;
  /** Set on the soak profile only, which runs the soak scenario alone. */
  soak?: SoakSettings;
}

const SHORT: FaultProfile = {
  name: 'short',
  hires: 600,
  backlog: 3000,
  backlogKeys: 2,
  backlogRecoverMs: 45_000,
  poison: 900,
  brokerOutageMs: 5_000,
  databaseOutageMs: 5_000,
  slowNetworkMs: 8_000,
  hostile: 500,
  httpClients: 4,
  recoverMs: 45_000,
};

export const PROFILES: Record<FaultProfile['name'], FaultProfile> = {
  short: SHORT,
  full: {
    name: 'full',
    hires: 5000,
    backlog: 20_000,
    backlogKeys: 6,
    backlogRecoverMs: 300_000,
    poison: 10_000,
    brokerOutageMs: 30_000,
    databaseOutageMs: 30_000,
    slowNetworkMs: 60_000,
    hostile: 3000,
    httpClients: 8,
    recoverMs: 180_000,
  },
  soak: {
    ...SHORT,
    name: 'soak',
    recoverMs: 120_000,
    soak: {
      durationMs: 30 * 60_000,
      sampleMs: 30_000,
      probeMs: 20_000,
      probeClients: 16,
      loadShare: 0.5,
      clients: 32,
      hiresPerSecond: 20,
    },
  },
};
