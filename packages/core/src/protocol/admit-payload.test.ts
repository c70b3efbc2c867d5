import { describe, expect, it } from 'vitest';
import { admitPayload, inspectJson, jsonStringBytes } from './admit-payload';
import { ChatError } from './errors';
import { protocolLimits } from './limits';
import { requestSchemas } from './request-schemas';

const limits = { maxBytes: 64 * 1024, maxDepth: protocolLimits.payloadDepth };

function refusal(payload: unknown) {
  try {
    admitPayload(payload, limits, 'message:send');
  } catch (error) {
    if (error instanceof ChatError) return error.toPayload();
    throw error;
  }
  return null;
}

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe('admitPayload', () => {
  it('refuses a 5,000-deep payload of 30 KB as payload_too_deep, never as too large', () => {
    const payload = { conversationId: 'c', clientId: 'k', body: 'hi', extra: nested(5_000) };
    expect(refusal(payload)).toMatchObject({ code: 'payload_too_deep', retryable: false });
  });

  it('allows exactly the protocol depth, counting the payload object as level 1', () => {
    expect(refusal(nested(protocolLimits.payloadDepth))).toBeNull();
    expect(refusal(nested(protocolLimits.payloadDepth + 1))?.code).toBe('payload_too_deep');
  });

  it('measures size as JSON.stringify would write it, in UTF-8 bytes', () => {
    const samples = [
      { a: 'é😀"\\\n\u0001', b: [1, -2.5e-7, null, true, false, undefined], c: undefined },
      [{}, [], '', 0],
      'plain',
    ];
    for (const sample of samples) {
      expect(inspectJson(sample, 64).bytes).toBe(Buffer.byteLength(JSON.stringify(sample)));
    }
    expect(jsonStringBytes('\uD800')).toBe(JSON.stringify('\uD800').length);
    expect(refusal({ body: 'x'.repeat(70_000) })).toMatchObject({ code: 'payload_too_large' });
  });

  it('refuses forbidden keys at the top and nested, as JSON.parse makes them', () => {
    const payload = JSON.parse(
      '{"__proto__":{"x":1},"metadata":{"deep":{"constructor":1,"prototype":2}}}',
    );
    const error = refusal(payload);
    expect(error).toMatchObject({ code: 'bad_request', retryable: false });
    expect(error?.issues?.map((issue) => issue.path)).toEqual([
      '__proto__',
      'metadata.deep.constructor',
      'metadata.deep.prototype',
    ]);
  });

  it('names every string that breaks the rules, keys included', () => {
    const error = refusal({
      body: 'a\uD800',
      attachments: [{ url: 'https://x.test', name: 'b\u0000' }],
      metadata: { 'k\uDC00': 'v' },
    });
    expect(error?.code).toBe('bad_request');
    expect(error?.issues?.map((issue) => issue.path)).toEqual([
      'body',
      'attachments.0.name',
      'metadata.k\uDC00',
    ]);
  });

  it('refuses values JSON cannot carry, and survives a cycle', () => {
    expect(refusal({ at: new Date(0) })?.issues?.[0]?.path).toBe('at');
    expect(refusal({ n: Number.NaN })?.code).toBe('bad_request');
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(refusal(cycle)?.code).toBe('payload_too_deep');
  });

  it('refuses the same metadata in the schema alone, for servers that only parse', () => {
    const result = requestSchemas['conversation:create'].safeParse(
      JSON.parse('{"kind":"direct","userId":"bob","metadata":{"__proto__":{"admin":true}}}'),
    );
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['metadata', '__proto__']);
  });
});
