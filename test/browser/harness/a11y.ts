import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * An axe-core audit of the page as it is now (WCAG 2.x A/AA and best practices), as one line per
 * violation so a failing `expect(...).toEqual([])` says what and where.
 */
export async function auditAccessibility(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}
