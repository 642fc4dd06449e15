import { createRequire } from 'node:module';

/** The part of kafkajs' internal ConsumerGroup (kafkajs/src/consumer/consumerGroup.js) used here. */
interface ConsumerGroupInternals {
  memberId: string | null;
  /** The consumer's own event emitter: one per kafka.consumer(), kept across kafkajs' restarts. */
  instrumentationEmitter: object;
  joinAndSync(): Promise<void>;
  leave(): Promise<void>;
}

/** The member id each consumer last had in its group, by that consumer's event emitter. */
const lastMemberIds = new WeakMap<object, string>();

let installed = false;

/**
 * Makes a kafkajs consumer that crashed and is started again (by kafkajs, or by
 * restartAfterCrash) join its group with the member id it had, as the Java client does.
 *
 * Why: kafkajs builds a new ConsumerGroup, with no member id, on every restart. A broker that
 * comes back loads each group with its last members; a join under a new id then waits until the
 * old id's session times out (sessionTimeout, 10 s) before the group is rebalanced, so after a
 * broker outage nothing was consumed for about 10 s. Under its old id the member is known and the
 * join completes as soon as the group's members are back. An id the coordinator no longer knows
 * is answered UNKNOWN_MEMBER_ID, on which kafkajs clears it and joins as a new member (one more
 * round trip). A consumer that left its group (disconnect) starts as a new member.
 *
 * kafkajs (2.2.4) offers no option for this, nor static membership (group.instance.id), hence a
 * wrapper around two methods of its ConsumerGroup; installed once, idempotent.
 */
export function rejoinAsSameMember(): void {
  if (installed) return;
  installed = true;
  const require = createRequire(import.meta.url);
  const ConsumerGroup = require('kafkajs/src/consumer/consumerGroup.js') as {
    prototype: ConsumerGroupInternals;
  };
  const { joinAndSync, leave } = ConsumerGroup.prototype;
  if (typeof joinAndSync !== 'function' || typeof leave !== 'function')
    throw new Error('kafkajs ConsumerGroup changed: joinAndSync/leave not found');

  ConsumerGroup.prototype.joinAndSync = async function (this: ConsumerGroupInternals) {
    const last = lastMemberIds.get(this.instrumentationEmitter);
    if (!this.memberId && last) this.memberId = last;
    await joinAndSync.call(this);
    if (this.memberId) lastMemberIds.set(this.instrumentationEmitter, this.memberId);
  };
  ConsumerGroup.prototype.leave = async function (this: ConsumerGroupInternals) {
    await leave.call(this);
    lastMemberIds.delete(this.instrumentationEmitter);
  };
}
