import pg from 'pg';

/** Creates the bare server's tables (shaped like the services' own) and copies `people` into them. */
export async function prepareBareDatabase(url: string, people: any[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      CREATE TABLE people (id uuid PRIMARY KEY, full_name varchar(200) NOT NULL, email varchar(254),
        address varchar(500), country varchar(100), created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE employees (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), person_id uuid NOT NULL,
        company_id uuid NOT NULL, card_id integer NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz);
      CREATE UNIQUE INDEX employees_card ON employees (company_id, card_id) WHERE ended_at IS NULL;
      CREATE UNIQUE INDEX employees_pair ON employees (person_id, company_id) WHERE ended_at IS NULL;`);
    await client.query(
      `INSERT INTO people (id, full_name, email, address, country)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])`,
      [
        people.map((p) => p.id),
        people.map((p) => p.fullName),
        people.map((p) => p.email),
        people.map((p) => p.address),
        people.map((p) => p.country),
      ],
    );
  } finally {
    await client.end();
  }
}

/**
 * The verifying hire pipeline's database: the bare server's people and employees, the companies
 * (ids and names of `companies`) and an outbox shaped like the product's.
 */
export async function prepareVerifiedPipelineDatabase(
  url: string,
  people: any[],
  companies: any[],
): Promise<void> {
  await prepareBareDatabase(url, people);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      CREATE TABLE companies (id uuid PRIMARY KEY, name varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE outbox (id bigserial PRIMARY KEY, event_id uuid NOT NULL, topic text NOT NULL,
        message_key text NOT NULL, event_type text NOT NULL, correlation_id text,
        payload text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), published_at timestamptz);
      CREATE UNIQUE INDEX outbox_event_id ON outbox (event_id);
      CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;`);
    await client.query(
      'INSERT INTO companies (id, name) SELECT * FROM unnest($1::uuid[], $2::text[])',
      [companies.map((c) => c.id), companies.map((c) => c.name)],
    );
  } finally {
    await client.end();
  }
}
