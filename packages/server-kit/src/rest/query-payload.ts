/**
 * Query strings carry only strings; these fields are numbers, booleans or
 * lists in the protocol. Anything that does not convert cleanly is passed on
 * unconverted, so validation names the field.
 */
const numberFields = new Set(['after', 'before', 'limit', 'seq']);
const booleanFields = new Set(['archived', 'muted', 'typing']);
const listFields = new Set(['userIds', 'participantIds']);

export function queryToPayload(query: Record<string, unknown>): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (typeof value !== 'string') {
      payload[key] = value;
    } else if (numberFields.has(key)) {
      payload[key] = /^\d+$/.test(value) ? Number(value) : value;
    } else if (booleanFields.has(key)) {
      payload[key] = value === 'true' ? true : value === 'false' ? false : value;
    } else if (listFields.has(key)) {
      payload[key] = value === '' ? [] : value.split(',');
    } else {
      payload[key] = value;
    }
  }
  return payload;
}
