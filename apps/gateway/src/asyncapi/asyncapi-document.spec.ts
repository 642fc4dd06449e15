import { describe, expect, it } from '@jest/globals';
import { Parser, DiagnosticSeverity } from '@asyncapi/parser';
import { Ajv } from 'ajv';
import { EVENT_TYPES, allTopics, channelId } from '#contracts';
import { RPC_HEADERS } from '#messaging';
import { asyncApiDocument, topicsMissingFrom } from './asyncapi-document.js';

const errorsOf = async (document: object) => {
  const { diagnostics } = await new Parser().parse(JSON.stringify(document));
  return diagnostics
    .filter((d) => d.severity === DiagnosticSeverity.Error)
    .map((d) => `${d.path.join('.')}: ${d.message}`);
};

describe('AsyncAPI document', () => {
  const document = asyncApiDocument();

  it('is valid AsyncAPI 3 for @asyncapi/parser', async () => {
    expect(document.asyncapi).toBe('3.0.0');
    expect(await errorsOf(document)).toEqual([]);
  });

  it('is refused by the parser when a reference is broken (so the check above can fail)', async () => {
    const broken = structuredClone(document) as any;
    broken.components.schemas.HireRequest = { $ref: '#/components/schemas/Nowhere' };
    expect((await errorsOf(broken)).length).toBeGreaterThan(0);
  });

  it('has a channel for every topic in libs/contracts', () => {
    expect(topicsMissingFrom(document)).toEqual([]);
    expect(allTopics().length).toBeGreaterThan(20);
  });

  it('notices a topic that is in code but not in the document', () => {
    const lacking = structuredClone(document);
    delete (lacking.channels as Record<string, unknown>)[channelId('employment.hire-requests.dlq')];
    expect(topicsMissingFrom(lacking)).toEqual(['employment.hire-requests.dlq']);
  });

  it('has a message for every event type and a reply for every request topic', () => {
    const names = Object.values(document.components.messages).map((m) => m.name);
    for (const type of Object.values(EVENT_TYPES)) expect(names).toContain(type);
    const operations = Object.values(document.operations) as any[];
    const requests = allTopics()
      .map((t) => t.topic)
      .filter((t) => /^(people|companies|employment)\.[a-z-]+$/.test(t) && !t.endsWith('.events'))
      .filter((t) => !['employment.hire-requests', 'employment.replies'].includes(t));
    expect(requests).toHaveLength(16);
    for (const topic of requests) {
      const op = operations.find((o) => o.channel.$ref === `#/channels/${channelId(topic)}`);
      expect(op?.reply?.address.location).toBe(`$message.header#/${RPC_HEADERS.replyTopic}`);
      const request = document.components.messages[`${channelId(topic)}_request`] as any;
      expect(Object.keys(request.headers.properties)).toContain(RPC_HEADERS.correlationId);
    }
  });

  it('describes messages the services really send: a hire request and an RpcReply pass, bad ones fail', () => {
    const ajv = new Ajv({ strict: false, validateFormats: false });
    for (const [id, schema] of Object.entries(document.components.schemas)) {
      ajv.addSchema(schema, `#/components/schemas/${id}`);
    }
    const hire = ajv.getSchema('#/components/schemas/HireRequest')!;
    const request = {
      requestId: 'r1',
      personId: crypto.randomUUID(),
      companyId: crypto.randomUUID(),
      cardId: 1,
    };
    expect(hire(request)).toBe(true);
    expect(hire({ ...request, cardId: -1 })).toBe(false);
    const reply = ajv.getSchema('#/components/schemas/RpcReply')!;
    expect(
      reply({ ok: false, error: { status: 404, code: 'NOT_FOUND', title: 'x', detail: 'y' } }),
    ).toBe(true);
    expect(reply({ ok: false })).toBe(false);
  });
});
