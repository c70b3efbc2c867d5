import { ChatError, type FieldIssue } from './errors';
import { forbiddenKeys, textProblem } from './input-rules';
import { defaultPayloadBytes, protocolLimits } from './limits';

/** How large and how deep a payload may be; checked before its schema, on both transports. */
export interface PayloadLimits {
  /** Largest payload, as the UTF-8 bytes of its JSON text. */
  maxBytes: number;
  /** Deepest nesting of objects and arrays; the payload object is level 1. */
  maxDepth: number;
}

/** 64 KiB of JSON, nested at most `protocolLimits.payloadDepth` levels. */
export const defaultPayloadLimits: PayloadLimits = {
  maxBytes: defaultPayloadBytes,
  maxDepth: protocolLimits.payloadDepth,
};

/** Where in a value: object keys and array indexes from the top. */
export type JsonPath = (string | number)[];

/** What one walk over a value found. */
export interface JsonReport {
  /** UTF-8 length of the value's JSON text, as `JSON.stringify` would write it. */
  bytes: number;
  /** Path of the first object or array nested deeper than allowed; null when none is. */
  tooDeepAt: JsonPath | null;
  /** Strings and keys that break the input rules, and values that are not JSON (the first 20). */
  issues: {
    /** Where the problem is. */
    path: JsonPath;
    /** What is wrong there, worded as the input rules word it. */
    message: string;
  }[];
}

interface Node {
  key: string | number;
  parent: Node | null;
}

const maxIssues = 20;

/**
 * Walks a value once, without recursion and without `JSON.stringify`, so that
 * any nesting (or a cycle, from an in-process caller) is measured instead of
 * overflowing the stack. The walk stops at the first container deeper than
 * `maxDepth`, so its cost is bounded by the value's size.
 */
export function inspectJson(value: unknown, maxDepth: number): JsonReport {
  const report: JsonReport = { bytes: 0, tooDeepAt: null, issues: [] };
  const issue = (at: Node | null, message: string) => {
    if (report.issues.length < maxIssues) report.issues.push({ path: pathOf(at), message });
  };
  const stack: { value: unknown; at: Node | null; depth: number }[] = [
    { value, at: null, depth: 0 },
  ];
  while (stack.length > 0) {
    const { value: current, at, depth } = stack.pop() as (typeof stack)[number];
    if (current === null || current === undefined) {
      report.bytes += 4; // `null`; an undefined property is skipped before it gets here
    } else if (typeof current === 'string') {
      report.bytes += jsonStringBytes(current);
      const problem = textProblem(current);
      if (problem !== null) issue(at, problem);
    } else if (typeof current === 'boolean') {
      report.bytes += current ? 4 : 5;
    } else if (typeof current === 'number') {
      if (Number.isFinite(current)) report.bytes += String(current).length;
      else issue(at, 'must be a finite number');
    } else if (typeof current === 'object') {
      if (depth + 1 > maxDepth) {
        report.tooDeepAt = pathOf(at);
        return report;
      }
      if (Array.isArray(current)) {
        report.bytes += 2 + Math.max(0, current.length - 1);
        for (let index = current.length - 1; index >= 0; index--) {
          stack.push({ value: current[index], at: { key: index, parent: at }, depth: depth + 1 });
        }
      } else if (isPlainObject(current)) {
        const keys = Object.keys(current).filter(
          (key) => (current as Record<string, unknown>)[key] !== undefined,
        );
        report.bytes += 2 + Math.max(0, keys.length - 1);
        const children = keys.map((key): Node => ({ key, parent: at }));
        children.forEach((child, index) => {
          const key = keys[index] as string;
          report.bytes += jsonStringBytes(key) + 1;
          const problem = forbiddenKeys.has(key)
            ? `the key "${key}" is not allowed`
            : textProblem(key);
          if (problem !== null) issue(child, problem);
        });
        for (let index = keys.length - 1; index >= 0; index--) {
          const value = (current as Record<string, unknown>)[keys[index] as string];
          stack.push({ value, at: children[index] as Node, depth: depth + 1 });
        }
      } else {
        issue(at, 'must be plain JSON data');
      }
    } else {
      issue(at, 'must be plain JSON data');
    }
  }
  return report;
}

/**
 * The one admission check of every inbound payload, before its schema: nesting
 * depth (`payload_too_deep`), then size (`payload_too_large`), then the input
 * rules for every string and key at any depth (`bad_request` naming each
 * field). None of these is retryable. Socket and REST servers call it, and so
 * does any other server that speaks the protocol.
 *
 * @example
 * admitPayload(payload, { maxBytes: 64 * 1024, maxDepth: protocolLimits.payloadDepth }, 'message:send');
 * const input = requestSchemas['message:send'].parse(payload);
 */
export function admitPayload(
  payload: unknown,
  limits: PayloadLimits = defaultPayloadLimits,
  name = 'request',
): void {
  const report = inspectJson(payload, limits.maxDepth);
  if (report.tooDeepAt !== null) {
    const message = `nested deeper than ${limits.maxDepth} levels`;
    throw new ChatError('payload_too_deep', `invalid ${name} payload: ${message}`, {
      issues: [{ path: dotted(report.tooDeepAt), message }],
    });
  }
  if (report.bytes > limits.maxBytes) {
    throw new ChatError(
      'payload_too_large',
      `invalid ${name} payload: ${report.bytes} bytes of JSON, the limit is ${limits.maxBytes}`,
    );
  }
  if (report.issues.length > 0) {
    const issues: FieldIssue[] = report.issues.map(({ path, message }) => ({
      path: dotted(path),
      message,
    }));
    const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    throw new ChatError('bad_request', `invalid ${name} payload: ${summary}`, { issues });
  }
}

/** UTF-8 length of the string's JSON form, quotes and escapes included. */
export function jsonStringBytes(value: string): number {
  let bytes = 2;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x22 || code === 0x5c) bytes += 2;
    else if (code < 0x20)
      bytes += code === 8 || code === 9 || code === 10 || code === 12 || code === 13 ? 2 : 6;
    else if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(value.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff)
      bytes += 6; // a lone surrogate is written `\udXXX`
    else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** An object literal or a JSON.parse result, from any realm; not a Date, Map or class instance. */
function isPlainObject(value: object): boolean {
  if (Object.prototype.toString.call(value) !== '[object Object]') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

function pathOf(node: Node | null): JsonPath {
  const keys: JsonPath = [];
  for (let at = node; at !== null; at = at.parent) keys.push(at.key);
  return keys.reverse();
}

/** The `FieldIssue` form of a path, as validation errors write it: `attachments.0.url`. */
export function dotted(path: JsonPath): string {
  return path.length === 0 ? '(payload)' : path.join('.');
}
