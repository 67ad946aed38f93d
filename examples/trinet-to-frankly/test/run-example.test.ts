import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FranklyStateSchema } from '@hrsync/frankly';
import { afterEach, describe, expect, it } from 'vitest';
import { runExample } from '../src/run-example.ts';

describe('examples/trinet-to-frankly', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('previews, exports, and removes the leaver on the second export, leaving hand-made users alone', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hrsync-example-test-'));
    const stateFile = join(dir, 'state.json');
    const lines: string[] = [];
    const { preview, first, second, frankly } = await runExample({ stateFile, print: (l) => lines.push(l) });

    expect(preview.dryRun).toBe(true);
    expect(preview.plan.creates.map((c) => c.employee.id).sort()).toEqual([
      '100001',
      '100002',
      '100003',
      '100004',
      '100005',
      '100006',
      '100008',
    ]);

    const refused = (first.applied?.outcomes ?? [])
      .filter((o) => !o.ok)
      .map((o) => [o.sourceId, !o.ok && o.code]);
    expect(refused).toEqual([
      ['100005', 'EMPLOYEE_EMAIL_IN_OTHER_COMPANY'],
      ['100006', 'EMPLOYEE_DUPLICATE_PHONE'],
    ]);
    expect(first.issues).toContainEqual(
      expect.objectContaining({ code: 'EMPLOYEE_DUPLICATE_PHONE', severity: 'warning', recordId: '100003' }),
    );

    expect(second.plan.archives).toEqual([
      expect.objectContaining({ hostId: '100004', reason: 'end_date_passed' }),
    ]);
    const managed = frankly
      .users()
      .filter((u) => u.managed)
      .map((u) => u.externalId)
      .sort();
    expect(managed).toEqual(['100001', '100002', '100003', '100006', '100008']);
    expect(
      frankly
        .users()
        .filter((u) => !u.managed)
        .map((u) => u.email),
    ).toEqual(['grace.miller@acme-robotics.test']);
    expect(
      frankly
        .groups()
        .filter((g) => !g.managed)
        .map((g) => g.name),
    ).toEqual(['Leadership']);
    expect(frankly.user('100001')?.role).toBe('Administrator');

    const state = FranklyStateSchema.parse(JSON.parse(await readFile(stateFile, 'utf8')));
    expect(state.people.find((p) => p.hostId === '100004')?.archived).toBe(true);
    expect(lines.join('\n')).not.toContain('demo-frankly-api-token');
  });
});
