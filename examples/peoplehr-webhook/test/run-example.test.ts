import { describe, expect, it } from 'vitest';
import { runExample } from '../src/run-example.ts';

describe('examples/peoplehr-webhook', () => {
  it('receives the fake’s events over HTTP and plans one person each time', async () => {
    const lines: string[] = [];
    const { deliveries, plans, users } = await runExample({ print: (line) => lines.push(line) });

    expect(deliveries.map((d) => [d.label.split(':')[0], d.status, d.body])).toEqual([
      ['New Starter Added', 200, '{"ok":true,"status":"accepted"}'],
      ['Employee Detail Updated', 200, '{"ok":true,"status":"accepted"}'],
      ['The same delivery again', 200, '{"ok":true,"status":"duplicate"}'],
      ['Holiday Requested (ActionId 4)', 200, '{"ok":true,"status":"ignored"}'],
      ['Marked Leaver', 200, '{"ok":true,"status":"accepted"}'],
      ['Employee Deleted', 200, '{"ok":true,"status":"accepted"}'],
      ['A delivery to the URL without its secret', 401, ''],
    ]);
    expect(plans.map(({ change, plan }) => [change.type, change.employeeNumber, plan.summary])).toEqual([
      ['upsert', 'PW21', expect.objectContaining({ creates: 1, updates: 0, archives: 0 })],
      ['upsert', 'PW21', expect.objectContaining({ creates: 0, updates: 1, archives: 0 })],
      ['upsert', 'PW4', expect.objectContaining({ creates: 0, updates: 0, archives: 1 })],
      ['remove', 'S20', expect.objectContaining({ creates: 0, updates: 0, archives: 1 })],
    ]);
    expect(users.map((u) => [u.hostId, u.firstName, u.archived === true])).toEqual([
      ['u1', 'Armen', false],
      ['u2', 'Cormac', false],
      ['u3', 'Priya', true],
      ['u4', 'Oluwaseun', true],
      ['u5', 'Ada', false],
    ]);
    expect(users.find((u) => u.firstName === 'Ada')?.title).toBe('Senior Data Analyst');
    expect(lines.at(-1)).toContain('no write action');
    expect(lines.join('\n')).not.toMatch(/secret=[A-Za-z0-9_-]{20,}/);
  });
});
