import axe from 'axe-core';
import { expect } from 'vitest';

/**
 * Runs axe on a rendered container and fails with the violations listed.
 * jsdom lays nothing out, so colour contrast is checked in the Chromium tests
 * instead (`*.browser.test.tsx`); every other rule runs here.
 */
export async function expectNoAxeViolations(container: Element, { contrast = false } = {}) {
  const results = await axe.run(container, {
    rules: { 'color-contrast': { enabled: contrast }, region: { enabled: false } },
  });
  const report = results.violations.map(
    (v) => `${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
  expect(report, report.join('\n')).toEqual([]);
}
