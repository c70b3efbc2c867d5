import { ChatError } from '@banter/core/protocol';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger';
import type { Authenticate } from './authenticate';
import { verifyToken } from './verify-token';

const context = { transport: 'rest', headers: {} } as const;

async function refusalOf(authenticate: Authenticate): Promise<ChatError> {
  const outcome = await verifyToken(authenticate, 'token', context, silentLogger).then(
    () => null,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(ChatError);
  return outcome as ChatError;
}

describe('verifyToken with a host hook', () => {
  it('holds any hook’s user id to the id rule of payloads, non-retryably', async () => {
    for (const userId of ['eve\uD800', 'a\u0000b', 'tab\t', ' padded', '', 'x'.repeat(129)]) {
      const error = await refusalOf(() => ({ userId }));
      expect([error.code, error.retryable], JSON.stringify(userId)).toEqual([
        'unauthenticated',
        false,
      ]);
    }
  });

  it('passes a well-formed id through unchanged', async () => {
    const user = await verifyToken(() => ({ userId: 'eve\uFFFD' }), 't', context, silentLogger);
    expect(user).toEqual({ userId: 'eve\uFFFD', expiresAt: null });
  });
});
