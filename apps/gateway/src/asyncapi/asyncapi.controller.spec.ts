import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { JSDOM } from 'jsdom';
import { PUBLIC_ROUTE } from '../auth/public-route.decorator.js';
import { AsyncApiController } from './asyncapi.controller.js';

describe(AsyncApiController.name, () => {
  let app: NestFastifyApplication;
  let base: string;
  const get = async (url: string) => {
    const response = await fetch(`${base}${url}`);
    const body = await response.text();
    const headers = Object.fromEntries(response.headers);
    return { statusCode: response.status, headers, body, json: () => JSON.parse(body) };
  };

  beforeAll(async () => {
    const module = await Test.createTestingModule({ controllers: [AsyncApiController] }).compile();
    app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });

  afterAll(() => app?.close());

  it('is public: no token needed', () => {
    expect(Reflect.getMetadata(PUBLIC_ROUTE, AsyncApiController)).toBe(true);
  });

  it('serves the document as JSON and the viewer files with their types; nothing else', async () => {
    const json = await get('/asyncapi.json');
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.json().asyncapi).toBe('3.0.0');
    expect((await get('/asyncapi/viewer.js')).headers['content-type']).toMatch(/javascript/);
    expect((await get('/asyncapi/viewer.css')).headers['content-type']).toMatch(/^text\/css/);
    expect((await get('/asyncapi/package.json')).statusCode).toBe(404);
    expect((await get('/asyncapi/..%2f..%2fpackage.json')).statusCode).toBe(404);
  });

  // Slow (about a minute on a busy machine): jsdom evaluates the 2.5 MB viewer bundle.
  it('renders the page offline: same-origin scripts only, the topics shown', async () => {
    const page = await get('/asyncapi');
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const sources = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources.every((s) => !/^(https?:)?\/\//.test(s))).toBe(true);
    expect(page.body).not.toMatch(/<script>(?!<)/); // no inline script: the CSP allows 'self' only

    const dom = new JSDOM(page.body, {
      url: 'http://gateway.test/asyncapi',
      runScripts: 'outside-only',
    });
    const { window } = dom;
    const requested: string[] = [];
    (window as any).fetch = async (url: string) => {
      requested.push(url);
      const answer = await get(new URL(url, window.location.href).pathname);
      return { text: async () => answer.body };
    };
    (window as any).ResizeObserver ??= class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
    for (const src of ['asyncapi/viewer.js', 'asyncapi/page.js']) {
      window.eval((await get(`/${src}`)).body);
    }
    const deadline = Date.now() + 20_000;
    while (!window.document.body.textContent?.includes('employment.hire-requests.dlq')) {
      if (Date.now() > deadline)
        throw new Error(`not rendered: ${window.document.body.textContent?.slice(0, 300)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(requested).toEqual(['asyncapi/parsed.json']);
    expect(window.document.body.textContent).toContain('people.find-by-ids');
    window.close();
  }, 240_000);
});
