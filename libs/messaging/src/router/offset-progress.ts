/** Where one partition's requests stand while several are answered at once. */
export class PartitionProgress {
  /** Offsets started and not yet all finished, in the order they were started. */
  private readonly started: Array<{ offset: bigint; finished: boolean }> = [];
  private lastStarted = -1n;
  private committable?: bigint;

  constructor(private readonly onCommittable: () => void) {}

  /** True for an offset this consumer already started (kafkajs fetches again from the last commit after a rebalance). */
  wasStarted(offset: string): boolean {
    return BigInt(offset) <= this.lastStarted;
  }

  /** Tracks the answering of `offset`; `work` must settle (never hang) and may reject. */
  start(offset: string, work: Promise<unknown>): void {
    const entry = { offset: BigInt(offset), finished: false };
    this.started.push(entry);
    this.lastStarted = entry.offset;
    const finish = () => {
      entry.finished = true;
      this.advance();
    };
    work.then(finish, finish);
  }

  /** The offset to commit (the next one to read), once every request before it was answered; once. */
  takeCommittable(): string | undefined {
    const offset = this.committable;
    this.committable = undefined;
    return offset?.toString();
  }

  /** Puts back an offset whose commit failed, unless a later one is waiting already. */
  restoreCommittable(offset: string): void {
    this.committable ??= BigInt(offset);
  }

  private advance(): void {
    let moved = false;
    while (this.started[0]?.finished) {
      this.committable = this.started.shift()!.offset + 1n;
      moved = true;
    }
    if (moved) this.onCommittable();
  }
}

/** The progress of every partition a request server reads, keyed by topic and partition. */
export class OffsetProgress {
  private readonly partitions = new Map<string, PartitionProgress>();
  private inFlightCount = 0;
  private readonly idleWaiters: Array<() => void> = [];

  constructor(private readonly onCommittable: () => void) {}

  /** True for a request this server already started (fetched again after a rebalance). */
  wasStarted(topic: string, partition: number, offset: string): boolean {
    return this.partitions.get(keyOf(topic, partition))?.wasStarted(offset) ?? false;
  }

  /** Tracks the answering of one request until `work` settles. */
  start(topic: string, partition: number, offset: string, work: Promise<unknown>): void {
    const key = keyOf(topic, partition);
    let progress = this.partitions.get(key);
    if (!progress) {
      progress = new PartitionProgress(this.onCommittable);
      this.partitions.set(key, progress);
    }
    progress.start(offset, work);
    this.inFlightCount += 1;
    const settle = () => {
      this.inFlightCount -= 1;
      if (this.inFlightCount === 0) this.idleWaiters.splice(0).forEach((wake) => wake());
    };
    work.then(settle, settle);
  }

  get inFlight(): number {
    return this.inFlightCount;
  }

  /** Resolves when nothing is in flight. */
  idle(): Promise<void> {
    if (this.inFlightCount === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Offsets ready to commit, as kafkajs' commitOffsets takes them (each taken once). */
  takeCommittable(): Array<{ topic: string; partition: number; offset: string }> {
    const offsets = [];
    for (const [key, progress] of this.partitions) {
      const offset = progress.takeCommittable();
      if (offset === undefined) continue;
      const [topic, partition] = key.split('\u0000');
      offsets.push({ topic, partition: Number(partition), offset });
    }
    return offsets;
  }

  /** Puts back offsets whose commit failed, for partitions still read here. */
  restore(offsets: Array<{ topic: string; partition: number; offset: string }>): void {
    for (const { topic, partition, offset } of offsets) {
      this.partitions.get(keyOf(topic, partition))?.restoreCommittable(offset);
    }
  }

  /** Forgets the partitions not in `assigned` (topic → partitions): another member reads them now. */
  keepOnly(assigned: Record<string, number[]>): void {
    for (const key of this.partitions.keys()) {
      const [topic, partition] = key.split('\u0000');
      if (!assigned[topic]?.includes(Number(partition))) this.partitions.delete(key);
    }
  }
}

function keyOf(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}
