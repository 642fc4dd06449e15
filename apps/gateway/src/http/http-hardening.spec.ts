import { describe, expect, it } from '@jest/globals';
import { securityHeaders } from './http-hardening.js';

describe(securityHeaders.name, () => {
  it("are helmet's headers for the options, in lower case, without X-Powered-By", () => {
    const headers = securityHeaders({
      contentSecurityPolicy: {
        directives: { defaultSrc: ["'self'"], upgradeInsecureRequests: null },
      },
    });
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
    });
    expect(Object.keys(headers)).not.toContain('x-powered-by');
  });
});
