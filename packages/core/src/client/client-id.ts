/**
 * A fresh idempotency key for a send. `randomUUID` is missing on pages served
 * over plain http (not a secure context), so fall back to random bytes.
 */
export function newClientId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
