import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runSync } from '../../src/index.ts';
import { createListSource, employeeRecord, person } from './helpers.ts';
import { createUsersDestination, syncPeople, type UserRow } from './host-destination.example.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const example = readFileSync(new URL('./host-destination.example.ts', import.meta.url), 'utf8');

function table(rows: UserRow[]): Map<string, UserRow> {
  return new Map(rows.map((r) => [r.id, r]));
}

const ada: UserRow = {
  id: 'u-ada',
  email: 'p1@example.com',
  firstName: 'First1',
  lastName: 'Last1',
  title: null,
  hrisId: null,
  active: true,
};
const leaver: UserRow = {
  id: 'u-old',
  email: 'old@example.com',
  firstName: 'Old',
  lastName: 'Timer',
  title: 'Clerk',
  hrisId: 'E900',
  active: true,
};

describe('the core README example', () => {
  it('is in the README word for word', () => {
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });

  it('changes nothing in a dry run', async () => {
    const users = table([{ ...ada }]);
    const source = createListSource([
      employeeRecord(person(1)),
      employeeRecord(person(2, { title: 'Engineer' })),
    ]);
    const preview = await runSync({ source, destination: createUsersDestination(users), dryRun: true });
    expect(preview.plan.summary).toMatchObject({ creates: 1, links: 1 });
    expect([...users.values()]).toEqual([ada]);
  });

  it('links, creates, updates and archives in apply mode, and reports a refused row as an issue', async () => {
    const users = table([{ ...ada }, { ...leaver }]);
    const joiner = person(2, { title: 'Engineer' });
    const source = createListSource([
      employeeRecord(person(1, { title: 'CEO' })),
      employeeRecord(joiner),
      employeeRecord(person(4)),
    ]);
    const destination = createUsersDestination(users);
    // The row with p4's email arrives between the plan and the write: the create is refused, the rest applies.
    const apply = destination.apply.bind(destination);
    destination.apply = async (plan, options) => {
      users.set('u-race', { ...leaver, id: 'u-race', email: 'p4@example.com', hrisId: null });
      return apply(plan, options);
    };
    const report = await runSync({
      source,
      destination,
      fields: ['firstName', 'lastName', 'workEmail', 'title'],
      safety: { allowMassArchive: true },
    });
    expect(users.get('u-ada')).toMatchObject({ hrisId: 'E001', title: 'CEO', active: true });
    expect(users.get('u-old')).toMatchObject({ active: false });
    const created = [...users.values()].find((u) => u.hrisId === 'E002');
    expect(created).toMatchObject({ email: joiner.workEmail, title: 'Engineer', active: true });
    expect(report.issues.map((i) => [i.code, i.recordId])).toEqual([['APPLY_FAILED', 'E004']]);
  });

  it('syncPeople previews, then applies', async () => {
    const users = table([{ ...ada }]);
    const source = createListSource([employeeRecord(person(1)), employeeRecord(person(2))]);
    const { preview, report } = await syncPeople(source, users);
    expect(preview.dryRun).toBe(true);
    expect(report?.dryRun).toBe(false);
    expect(report?.applied?.outcomes.every((o) => o.ok)).toBe(true);
    expect([...users.values()].map((u) => u.hrisId).sort()).toEqual(['E001', 'E002']);
  });

  it('syncPeople stops at the preview when the plan is blocked', async () => {
    const many = Array.from(
      { length: 5 },
      (_, i): UserRow => ({ ...leaver, id: `u${i}`, hrisId: `X${i}`, email: `x${i}@example.com` }),
    );
    const users = table([{ ...ada, hrisId: 'E001' }, ...many]);
    const { preview, report } = await syncPeople(createListSource([employeeRecord(person(1))]), users);
    expect(preview.plan.blocked?.code).toBe('SYNC_ARCHIVE_THRESHOLD_EXCEEDED');
    expect(report).toBeUndefined();
    expect([...users.values()].every((u) => u.active)).toBe(true);
  });
});
