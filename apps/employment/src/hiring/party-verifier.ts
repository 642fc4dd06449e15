import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { COMPANIES_PATTERNS, MAX_IDS_PER_REQUEST, PEOPLE_PATTERNS } from '#contracts';
import { KafkaRequester, type RequestOptions } from '#messaging';

/** Which of the asked people and companies exist. */
export interface KnownParties {
  people: Set<string>;
  companies: Set<string>;
}

interface Question {
  id: string;
  options: RequestOptions;
}

/**
 * How long an answer asked ahead (prefetch) may serve a verify(): long enough to cover the commit
 * of the group before it, short enough that an unused one is never mistaken for news.
 */
export const PREFETCH_TTL_MS = 2_000;
/** Answers asked ahead and kept at most, per service (the oldest are dropped beyond it). */
const MAX_PREFETCHED = 10_000;

/** Answers asked ahead of their verify(), by id; each serves one verify() and is then forgotten. */
class Prefetched {
  private readonly answers = new Map<string, { at: number; exists: Promise<boolean> }>();

  put(id: string, exists: Promise<boolean>): void {
    exists.catch(() => this.answers.delete(id)); // a failed one is asked again by verify()
    this.answers.delete(id); // re-inserted last: the map stays in the order asked
    this.answers.set(id, { at: Date.now(), exists });
    if (this.answers.size > MAX_PREFETCHED) this.answers.delete(this.answers.keys().next().value!);
  }

  /** True when a fresh answer for `id` is on its way or here. */
  has(id: string): boolean {
    const answer = this.answers.get(id);
    return !!answer && Date.now() - answer.at <= PREFETCH_TTL_MS;
  }

  /** The answer asked ahead for `id`, if fresh; it is used once. */
  take(id: string): Promise<boolean> | undefined {
    const answer = this.answers.get(id);
    if (!answer) return undefined;
    this.answers.delete(id);
    return Date.now() - answer.at <= PREFETCH_TTL_MS ? answer.exists : undefined;
  }
}

/**
 * Asks the people and companies services which ids exist. The questions of one tick (a batch of
 * hire requests, or concurrent HTTP hires) share one find-by-ids request per service per
 * MAX_IDS_PER_REQUEST ids; throws DependencyUnavailableError when a service cannot be asked in time.
 */
@Injectable()
export class PartyVerifier {
  private readonly people: DataLoader<Question, boolean>;
  private readonly companies: DataLoader<Question, boolean>;
  private readonly prefetched = new Map<DataLoader<Question, boolean>, Prefetched>();

  constructor(private readonly requester: KafkaRequester) {
    this.people = this.existence(PEOPLE_PATTERNS.findByIds);
    this.companies = this.existence(COMPANIES_PATTERNS.findByIds);
    this.prefetched.set(this.people, new Prefetched()).set(this.companies, new Prefetched());
  }

  /**
   * Starts asking about ids a coming verify() will ask about (the next slice of hire requests,
   * while the current one commits), so that it finds the answers on their way. Never fails: an
   * answer that fails or grows old is asked again by verify().
   */
  prefetch(personIds: string[], companyIds: string[], options: RequestOptions = {}): void {
    const ask = (loader: DataLoader<Question, boolean>, ids: string[]) => {
      const ahead = this.prefetched.get(loader)!;
      for (const id of new Set(ids)) {
        if (!ahead.has(id)) ahead.put(id, loader.load({ id, options }));
      }
    };
    ask(this.people, personIds);
    ask(this.companies, companyIds);
  }

  async verify(
    personIds: string[],
    companyIds: string[],
    options: RequestOptions = {},
  ): Promise<KnownParties> {
    const ask = async (loader: DataLoader<Question, boolean>, ids: string[]) => {
      const distinct = [...new Set(ids)];
      const ahead = this.prefetched.get(loader)!;
      const answers = await Promise.all(
        distinct.map((id) => {
          const load = () => loader.load({ id, options });
          // An answer asked ahead that failed (or ran out of its caller's time) is asked again.
          return ahead.take(id)?.catch(load) ?? load();
        }),
      );
      return new Set(distinct.filter((_, i) => answers[i]));
    };
    const [people, companies] = await Promise.all([
      ask(this.people, personIds),
      ask(this.companies, companyIds),
    ]);
    return { people, companies };
  }

  private existence(pattern: string): DataLoader<Question, boolean> {
    return new DataLoader<Question, boolean>(
      async (questions) => {
        const ids = [...new Set(questions.map((q) => q.id))];
        const found = await this.requester.request<Array<{ id: string }>>(
          pattern,
          { ids },
          sharedOptions(questions),
        );
        const existing = new Set(found.map((p) => p.id));
        return questions.map((q) => existing.has(q.id));
      },
      { cache: false, maxBatchSize: MAX_IDS_PER_REQUEST },
    );
  }
}

/**
 * One request answers several callers: it waits as long as the most patient of them (each still
 * re-checks its own deadline before it commits) and carries the first caller's correlation id.
 */
function sharedOptions(questions: readonly Question[]): RequestOptions {
  const deadlines = questions.map((q) => q.options.deadline);
  const deadline = deadlines.includes(undefined) ? undefined : Math.max(...(deadlines as number[]));
  return { deadline, correlationId: questions[0].options.correlationId ?? null };
}
