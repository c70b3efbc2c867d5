import type { ParsedInput } from '../operations/admit';

type GroupInput = Extract<ParsedInput<'conversation:create'>, { kind: 'group' }>;

/**
 * A group create as stored with its idempotency key: who else is in it (a set), the
 * title and the metadata, in one canonical string, so that a retry matches however its
 * fields and ids are ordered and a different request under the same key does not.
 */
export function groupRequestOf(createdBy: string, input: GroupInput): string {
  const others = [...new Set(input.participantIds)].filter((id) => id !== createdBy).sort();
  return canonicalJson({
    participantIds: others,
    title: input.title || null,
    metadata: input.metadata ?? null,
  });
}

/** JSON with every object's keys sorted. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) =>
    field !== null && typeof field === 'object' && !Array.isArray(field)
      ? Object.fromEntries(Object.entries(field).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : field,
  );
}
