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
 * Asks the people and companies services which ids exist. The questions of one tick (a batch of
 * hire requests, or concurrent HTTP hires) share one find-by-ids request per service per
 * MAX_IDS_PER_REQUEST ids; throws DependencyUnavailableError when a service cannot be asked in time.
 */
@Injectable()
export class PartyVerifier {
  private readonly people: DataLoader<Question, boolean>;
  private readonly companies: DataLoader<Question, boolean>;

  constructor(private readonly requester: KafkaRequester) {
    this.people = this.existence(PEOPLE_PATTERNS.findByIds);
    this.companies = this.existence(COMPANIES_PATTERNS.findByIds);
  }

  async verify(
    personIds: string[],
    companyIds: string[],
    options: RequestOptions = {},
  ): Promise<KnownParties> {
    const ask = async (loader: DataLoader<Question, boolean>, ids: string[]) => {
      const distinct = [...new Set(ids)];
      const answers = await Promise.all(distinct.map((id) => loader.load({ id, options })));
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
