import fc from 'fast-check';

/** One generated HTTP request of the hostile run. */
export interface HostileRequest {
  /** The route it is meant for, e.g. "GET /people/:id". */
  route: string;
  method: string;
  path: string;
  query: string;
  contentType?: string;
  body?: string;
}

const ODD = [
  "' OR 1=1 --",
  "'; DROP TABLE people; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '\uFEFF\u202E',
  '𝕳𝖊𝖑𝖑𝖔 🧨',
  'Ω'.repeat(300),
  '{"$gt":""}',
  'NaN',
  '-1',
  '1e309',
  '00000000-0000-0000-0000-000000000000',
];

const oddString = fc.oneof(
  fc.constantFrom(...ODD),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ minLength: 190, maxLength: 260 }),
  fc.integer({ min: 1000, max: 70_000 }).map((n) => 'x'.repeat(n)),
);

/** Ids as a path parameter: real ones, unknown UUIDs, garbage, long ones (over Fastify's 100). */
const idArb = (known: string[]) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...known) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 3, arbitrary: oddString.map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.integer({ min: 101, max: 3000 }).map((n) => 'a'.repeat(n)) },
  );

const queryArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  {
    weight: 5,
    arbitrary: fc
      .dictionary(
        fc.constantFrom(
          'limit',
          'offset',
          'q',
          'country',
          'personId',
          'companyId',
          'active',
          'zzz',
          'limit[]',
          '__proto__',
        ),
        fc.oneof(
          oddString,
          fc.integer().map(String),
          fc.constantFrom('true', 'false', '0', '101', '-5', '2.5'),
        ),
        { maxKeys: 4 },
      )
      .map((q) => '?' + new URLSearchParams(q).toString()),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 9_000, max: 40_000 }).map((n) => `?q=${'q'.repeat(n)}`),
  },
);

const fieldValue = fc.oneof(
  oddString,
  fc.jsonValue({ maxDepth: 2 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);

/** A body for a route that takes one: valid, wrong types, unknown fields, malformed or oversized. */
const bodyArb = (fields: string[], valid: fc.Arbitrary<object>) =>
  fc.oneof(
    { weight: 3, arbitrary: valid.map((v) => JSON.stringify(v)) },
    {
      weight: 4,
      arbitrary: fc
        .dictionary(fc.constantFrom(...fields, 'zzz', '__proto__', 'constructor'), fieldValue, {
          maxKeys: 5,
        })
        .map((v) => JSON.stringify(v)),
    },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.constantFrom('{', '{"fullName":', '[1,2', 'null', '', '{"a":1}}', '\u0000'),
        oddString,
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 70_000, max: 200_000 })
        .map((n) => JSON.stringify({ fullName: 'x'.repeat(n), name: 'y' })),
    },
  );

const contentTypeArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=utf-16',
      'application/xml',
      'application/json; charset=latin1',
      'application/merge-patch+json',
    ),
  },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

/** Every route of the gateway with generated ids, queries, bodies and content types. */
export function hostileRequestArb(ids: {
  people: string[];
  companies: string[];
  employees: string[];
}): fc.Arbitrary<HostileRequest> {
  const person = fc.record(
    {
      fullName: oddString,
      country: fc.option(oddString, { nil: undefined }),
      email: fc.option(fc.emailAddress(), { nil: undefined }),
    },
    { requiredKeys: ['fullName'] },
  );
  const company = fc.record(
    { name: oddString, address: fc.option(oddString, { nil: undefined }) },
    { requiredKeys: ['name'] },
  );
  const hire = fc.record({
    personId: fc.constantFrom(...ids.people),
    companyId: fc.constantFrom(...ids.companies),
    cardId: fc.integer({ min: -5, max: 2 ** 31 + 5 }),
  });
  const personBody = bodyArb(['fullName', 'email', 'address', 'country'], person);
  const companyBody = bodyArb(['name', 'address', 'country'], company);
  const hireBody = bodyArb(['personId', 'companyId', 'cardId'], hire);
  const route = (
    name: string,
    method: string,
    path: fc.Arbitrary<string>,
    body?: fc.Arbitrary<string>,
  ) =>
    fc.record({
      route: fc.constant(`${method} ${name}`),
      method: fc.constant(method),
      path,
      query: queryArb,
      contentType: contentTypeArb,
      body: body ?? fc.constant(undefined),
    });
  const pid = idArb(ids.people).map((id) => `/people/${id}`);
  const cid = idArb(ids.companies).map((id) => `/companies/${id}`);
  const eid = idArb(ids.employees).map((id) => `/employees/${id}`);
  return fc.oneof(
    route('/people', 'POST', fc.constant('/people'), personBody),
    route('/people', 'GET', fc.constant('/people')),
    route('/people/:id', 'GET', pid),
    route('/people/:id', 'PATCH', pid, personBody),
    route('/people/:id', 'DELETE', pid),
    route('/companies', 'POST', fc.constant('/companies'), companyBody),
    route('/companies', 'GET', fc.constant('/companies')),
    route('/companies/:id', 'GET', cid),
    route('/companies/:id', 'PATCH', cid, companyBody),
    route('/companies/:id', 'DELETE', cid),
    route('/employees', 'POST', fc.constant('/employees'), hireBody),
    route('/employees', 'GET', fc.constant('/employees')),
    route('/employees/:id', 'GET', eid),
    route('/employees/:id', 'DELETE', eid),
    route(
      '/companies/:id/employees',
      'GET',
      cid.map((p) => `${p}/employees`),
    ),
    route(
      '/people/:id/companies',
      'GET',
      pid.map((p) => `${p}/companies`),
    ),
    route('(no such route)', 'PUT', fc.constantFrom('/people', '/companies', '/employees')),
  );
}

/**
 * One valid request per route (but the PUTs), sent before the generated ones: each route must
 * answer a success at least once, so a gateway refusing everything (401, 429, 503) fails the run.
 * Uses people[0..1], companies[0..1] and the two employees; deletes people[2] and employees[1].
 */
export function controlRequests(ids: {
  people: string[];
  companies: string[];
  employees: string[];
}): HostileRequest[] {
  const [p0, p1, p2] = ids.people;
  const [c0, c1] = ids.companies;
  const [e0, e1] = ids.employees;
  const json = (route: string, method: string, path: string, body?: object, query = '') => ({
    route: `${method} ${route}`,
    method,
    path,
    query,
    contentType: body ? 'application/json' : undefined,
    body: body ? JSON.stringify(body) : undefined,
  });
  return [
    json('/people', 'POST', '/people', { fullName: 'Control person' }),
    json('/people', 'GET', '/people', undefined, '?limit=5'),
    json('/people/:id', 'GET', `/people/${p0}`),
    json('/people/:id', 'PATCH', `/people/${p0}`, { country: 'NL' }),
    json('/people/:id', 'DELETE', `/people/${p2}`),
    json('/companies', 'POST', '/companies', { name: 'Control company' }),
    json('/companies', 'GET', '/companies'),
    json('/companies/:id', 'GET', `/companies/${c0}`),
    json('/companies/:id', 'PATCH', `/companies/${c0}`, { country: 'NL' }),
    json('/companies/:id', 'DELETE', `/companies/${c1}`),
    json('/employees', 'POST', '/employees', { personId: p1, companyId: c0, cardId: 7 }),
    json('/employees', 'GET', '/employees'),
    json('/employees/:id', 'GET', `/employees/${e0}`),
    json('/employees/:id', 'DELETE', `/employees/${e1}`),
    json('/companies/:id/employees', 'GET', `/companies/${c0}/employees`),
    json('/people/:id/companies', 'GET', `/people/${p0}/companies`),
  ];
}
