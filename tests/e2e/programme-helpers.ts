// Keyboard-only steps for the programme workspace journeys: fields are reached by focus and typed
// into, buttons and links are pressed with Enter or Space; nothing is clicked with a mouse.
import { expect, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';

export async function typeInto(field: Locator, text: string): Promise<void> {
  await field.focus();
  await field.press('ControlOrMeta+a');
  await field.press('Delete');
  if (text) await field.pressSequentially(text);
}

export async function press(target: Locator, key: 'Enter' | 'Space' = 'Enter'): Promise<void> {
  await target.focus();
  await target.press(key);
}

/**
 * A datetime-local value. Chromium orders the field's segments by the machine's locale (en-US here:
 * month/day/year, AM/PM), not the page's, so typing digits would test the machine, not the form: the
 * value is set with fill(), which still goes through the focused field's input events.
 */
export async function typeDateTime(field: Locator, localValue: string): Promise<void> {
  await field.focus();
  await field.fill(localValue);
  await expect(field).toHaveValue(localValue);
}

/** "2026-12-05T09:30" in Asia/Shanghai, `days` from now at the given hour. */
export function shanghaiLocal(days: number, hh: number, mm = 0): string {
  const d = new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
}

/** axe in normal and in large text, switched with the page's own 大字 button. */
export async function expectAxeBothSizes(page: Page, exclude: string[] = []): Promise<void> {
  const toggle = page.locator('[data-text-size-toggle]');
  await expectNoAxeViolations(page, exclude);
  await press(toggle);
  await expect(page.locator('html')).toHaveAttribute('data-text-size', 'large');
  await expectNoAxeViolations(page, exclude);
  await press(toggle);
  await expect(page.locator('html')).not.toHaveAttribute('data-text-size', 'large');
}
