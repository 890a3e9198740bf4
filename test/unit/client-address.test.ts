import { describe, expect, it } from 'vitest';
import { clientAddress } from '#http/rate-limit.ts';

describe('the client address a rate limit counts', () => {
  it('is the connection’s address when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddress('203.0.113.9', '1.1.1.1', 0)).toBe('203.0.113.9');
  });

  it('is the address the trusted proxy saw, not the ones the client wrote before it', () => {
    // The client claims 1.1.1.1; CloudFront appends the viewer it really saw.
    expect(clientAddress('130.176.0.1', '1.1.1.1, 198.51.100.7', 1)).toBe('198.51.100.7');
    expect(clientAddress('130.176.0.1', '198.51.100.7', 1)).toBe('198.51.100.7');
  });

  it('falls back to the connection when the header is missing or shorter than the proxy chain', () => {
    expect(clientAddress('130.176.0.1', undefined, 1)).toBe('130.176.0.1');
    expect(clientAddress('130.176.0.1', '198.51.100.7', 2)).toBe('130.176.0.1');
  });
});
