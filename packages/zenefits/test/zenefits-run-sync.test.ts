import { runSync } from '@hrsync/core';
import { createMemoryDestination, generateRoster } from '@hrsync/testkit';
import { describe, expect, it } from 'vitest';
import { createZenefitsSource } from '../src/index.ts';
import { createZenefitsFake } from '../src/testing/index.ts';

const TOKEN = 'zf-run-sync-token';

describe('runSync with the Zenefits source', () => {
  it('dry-runs, applies, then syncs a changed company; a second read of unchanged data is empty', async () => {
    const roster = generateRoster({ seed: 21, size: 120, defects: { duplicateDepartmentNames: 1 } });
    const fake = createZenefitsFake({
      token: TOKEN,
      employees: roster.employees,
      departments: roster.departments,
      locations: roster.locations,
    });
    const source = createZenefitsSource({ token: TOKEN, fetch: fake.fetch });
    const destination = createMemoryDestination();
    const now = new Date(roster.now);

    const preview = await runSync({ source, destination, dryRun: true, now });
    expect(preview.dryRun).toBe(true);
    expect(destination.users()).toEqual([]);
    expect(preview.plan.creates.length).toBeGreaterThan(100);
    // Issues raised by the plan engine name the vendor as the source does.
    const duplicate = preview.issues.find((i) => i.code === 'DEPARTMENT_DUPLICATE_NAME');
    expect(duplicate?.fix).toBe(
      'In TriNet Zenefits, ensure none of your departments share the exact same name.',
    );

    await runSync({ source, destination, now });
    const again = await runSync({ source, destination, now });
    expect(again.plan.summary).toMatchObject({ creates: 0, updates: 0, archives: 0, reactivations: 0 });

    const leaver = roster.employees.find((e) => e.employmentStatus === 'active' && e.managerId !== undefined);
    if (leaver === undefined) throw new Error('the roster has no active report');
    fake.updateEmployee(leaver.id, { employmentStatus: 'terminated', endDate: '2024-12-31' });
    fake.addEmployee({
      id: 'Z9000',
      firstName: 'New',
      lastName: 'Joiner',
      workEmail: 'new.joiner@example.com',
      employmentStatus: 'active',
      startDate: '2024-12-01',
    });
    const changed = await runSync({ source, destination, now });
    expect(changed.plan.creates.map((c) => c.employee.id)).toEqual(['Z9000']);
    expect(changed.plan.archives).toEqual([
      expect.objectContaining({ sourceId: leaver.id, reason: 'terminated' }),
    ]);
  });
});
