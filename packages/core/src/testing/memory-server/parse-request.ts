import { ChatError, type FieldIssue, type RequestName } from '../../protocol';
import { requestSchemas } from '../../protocol/request-schemas';

/**
 * Validates a payload against its event's schema, as server-kit does: the
 * parsed value (defaults applied, unknown fields dropped), or `bad_request`
 * naming every wrong field.
 */
export function parseRequest(name: RequestName, payload: unknown): unknown {
  const result = requestSchemas[name].safeParse(payload);
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(payload)',
    message: issue.message,
  }));
  const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  throw new ChatError('bad_request', `invalid ${name} payload: ${summary}`, { issues });
}
