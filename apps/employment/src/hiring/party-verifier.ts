import { Injectable } from '@nestjs/common';
import { COMPANIES_PATTERNS, MAX_IDS_PER_REQUEST, PEOPLE_PATTERNS } from '#contracts';
import { KafkaRequester, type RequestOptions } from '#messaging';

/** Which of the asked people and companies exist. */
export interface KnownParties {
  people: Set<string>;
  companies: Set<string>;
}

/** Asks the people and companies services, all at once, which of the given ids exist. */
@Injectable()
export class PartyVerifier {
  constructor(private readonly requester: KafkaRequester) {}

  /**
   * One request per service per MAX_IDS_PER_REQUEST distinct ids, all in flight together; throws
   * DependencyUnavailableError when one cannot be asked within the options' deadline.
   */
  async verify(
    personIds: string[],
    companyIds: string[],
    options: RequestOptions = {},
  ): Promise<KnownParties> {
    const ask = async (pattern: string, ids: string[]) => {
      const distinct = [...new Set(ids)];
      const chunks = [];
      for (let i = 0; i < distinct.length; i += MAX_IDS_PER_REQUEST) {
        chunks.push(distinct.slice(i, i + MAX_IDS_PER_REQUEST));
      }
      const answers = await Promise.all(
        chunks.map((chunk) =>
          this.requester.request<Array<{ id: string }>>(pattern, { ids: chunk }, options),
        ),
      );
      return new Set(answers.flat().map((p) => p.id));
    };
    const [people, companies] = await Promise.all([
      ask(PEOPLE_PATTERNS.findByIds, personIds),
      ask(COMPANIES_PATTERNS.findByIds, companyIds),
    ]);
    return { people, companies };
  }
}
