import { Injectable } from '@nestjs/common';
import type { Consumer } from 'kafkajs';

/**
 * Which of an app's consumer groups this process has joined: `GET /health/ready` answers 200 only
 * when every group a consumer announced (`expect`) has been joined since, and not left or crashed.
 */
@Injectable()
export class ConsumerReadiness {
  private readonly joined = new Map<string, boolean>();

  /** A consumer of `group` is starting: the app is not ready until it joined. */
  expect(group: string): void {
    if (!this.joined.has(group)) this.joined.set(group, false);
  }

  /** The consumer of `group` was given its partitions (kafkajs GROUP_JOIN). */
  markJoined(group: string): void {
    this.joined.set(group, true);
  }

  /** The consumer of `group` stopped or crashed: not ready until it joins again. */
  markLeft(group: string): void {
    this.joined.set(group, false);
  }

  /** True when every expected group is joined (and so for an app with no consumers). */
  allJoined(): boolean {
    return this.pending().length === 0;
  }

  /** The expected groups not joined now, for the probe's answer. */
  pending(): string[] {
    return this.groups(false);
  }

  /** The groups joined now. */
  joinedGroups(): string[] {
    return this.groups(true);
  }

  private groups(joined: boolean): string[] {
    return [...this.joined].filter(([, j]) => j === joined).map(([group]) => group);
  }

  /** Expects `group` and follows `consumer`'s joins, crashes and stops. */
  watch(group: string, consumer: Consumer): void {
    this.expect(group);
    consumer.on(consumer.events.GROUP_JOIN, () => this.markJoined(group));
    consumer.on(consumer.events.CRASH, () => this.markLeft(group));
    consumer.on(consumer.events.STOP, () => this.markLeft(group));
  }
}
