import type { BanterStrings } from './strings';

/**
 * English defaults of strings only lazy chunks show (menus, the report dialog,
 * the emoji picker...). Each chunk's entry module imports its register module
 * (chunk-strings/register-*.ts), which assigns its strings here when the chunk
 * is evaluated, before any of its components render. The provider's strings
 * inherit from this object, so those keys resolve once their chunk is loaded
 * while the page carries only the strings it shows itself; a translation or a
 * host's own strings are own properties and still win.
 */
export const lateDefaults: Partial<BanterStrings> = {};

/** The strings components read: `overrides` over `base`, falling back to `lateDefaults`. */
export function withLateDefaults(
  base: Partial<BanterStrings>,
  overrides?: Partial<BanterStrings>,
): BanterStrings {
  return Object.assign(Object.create(lateDefaults), base, overrides);
}
