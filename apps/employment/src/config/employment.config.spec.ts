import { describe, expect, it } from '@jest/globals';
import { loadEmploymentConfig } from './employment.config.js';

describe(loadEmploymentConfig.name, () => {
  it('defaults to its own role and database and a 2 s request timeout', () => {
    expect(loadEmploymentConfig({})).toMatchObject({
      DATABASE_URL: 'postgres://employment@127.0.0.1:5432/employment',
      REQUEST_TIMEOUT_MS: 2000,
      PORT: 3103,
    });
  });

  it('still checks the Kafka SASL settings', () => {
    expect(() => loadEmploymentConfig({ KAFKA_SASL_MECHANISM: 'plain' })).toThrow(
      /KAFKA_SASL_USERNAME/,
    );
  });
});
