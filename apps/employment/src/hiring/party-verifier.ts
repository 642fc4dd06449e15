import { Injectable } from '@nestjs/common';
import { COMPANIES_PATTERNS, PEOPLE_PATTERNS } from '#contracts';
import { KafkaRequester } from '#messaging';

/** Which of the asked people and companies exist. */
export interface KnownParties {
  people: Set<string>;
  companies: Set<string>;
}

/** Asks the people and companies services, both at once, which of the given ids exist. */
@Injectable()
export class PartyVerifier {
  constructor(private readonly requester: KafkaRequester) {}

  /** One request per service however many ids; throws DependencyUnavailableError when one cannot be asked. */
  async verify(
    personIds: string[],
    companyIds: string[],
    correlationId: string | null = null,
  ): Promise<KnownParties> {
    const ask = async (pattern: string, ids: string[]) => {
      if (ids.length === 0) return new Set<string>();
      const found = await this.requester.request<Array<{ id: string }>>(
        pattern,
        { ids: [...new Set(ids)] },
        { correlationId },
      );
      return new Set(found.map((p) => p.id));
    };
    const [people, companies] = await Promise.all([
      ask(PEOPLE_PATTERNS.findByIds, personIds),
      ask(COMPANIES_PATTERNS.findByIds, companyIds),
    ]);
    return { people, companies };
  }
}
