import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type QuickstartResult, runQuickstart } from '../src/quickstart.ts';
import { createCompany } from '../src/roster.ts';

// One run of the quickstart (over a real loopback socket, into a sqlite file), checked from several sides.
describe('examples/quickstart', () => {
  const lines: string[] = [];
  const statuses: string[] = [];
  let dir: string;
  let result: QuickstartResult;
  let output: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hrsync-quickstart-test-'));
    result = await runQuickstart({
      databasePath: join(dir, 'app.sqlite'),
      print: (line) => lines.push(line),
      status: (text) => statuses.push(text),
      latencyMs: 5,
    });
    output = lines.join('\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('first sync: links the existing users by email and creates everyone else', () => {
    const { preview, first, existing, users } = result;
    const inTrinet = existing.filter((u) => !u.email.startsWith('it.helpdesk@'));
    expect(inTrinet).toHaveLength(5);
    expect(preview.dryRun).toBe(true);
    expect(preview.applied).toBeUndefined();

    const plan = first.plan;
    expect(plan.blocked).toBeUndefined();
    expect(plan.links.map((l) => [l.hostId, l.matchedBy]).sort()).toEqual(
      inTrinet.map((u) => [u.hostId, 'workEmail']).sort(),
    );
    // Everyone who syncs and is not already a host user is created: the 250 people, minus those already gone,
    // the 3 skipped with an issue and the 5 linked.
    const company = createCompany();
    const skipped = new Set(
      company.defects.filter((d) => d.effect === 'skipped').flatMap((d) => d.employeeIds),
    );
    const linked = new Set(plan.links.map((l) => l.sourceId));
    const expected = company.employees
      .filter((e) => e.employmentStatus !== 'terminated' && !skipped.has(e.id) && !linked.has(e.id))
      .map((e) => e.id)
      .sort();
    expect(plan.creates.map((c) => c.employee.id).sort()).toEqual(expected);
    expect(plan.creates).toHaveLength(228);
    // The dry run showed the same plan that was then applied.
    expect(preview.plan.summary).toEqual(plan.summary);
    expect(first.applied?.outcomes.every((o) => o.ok)).toBe(true);

    // The linked users kept their host ids; the help-desk account TriNet does not know is left alone.
    for (const user of inTrinet) {
      const row = users.find((u) => u.host_id === user.hostId);
      expect(row?.source_id).toMatch(/^E\d{5}$/);
      expect(row?.email.toLowerCase()).toBe(user.email.toLowerCase());
    }
    const helpdesk = users.find((u) => u.email.startsWith('it.helpdesk@'));
    expect(helpdesk).toMatchObject({ source_id: null, archived: 0 });
    expect(output).toMatch(/^ {2}link {8}5 {4}users your app already has, matched by email/m);
    expect(output).toMatch(/^ {2}create {6}228 {2}/m);
    expect(output).toContain('Creates (first 5 of 228)');
  });

  it('prints every issue of the first sync with its fix', () => {
    const issues = result.preview.issues;
    expect(issues.map((i) => i.code).sort()).toEqual([
      'EMPLOYEE_DUPLICATE_EMAIL',
      'EMPLOYEE_DUPLICATE_EMAIL',
      'EMPLOYEE_INVALID_NAME',
      'EMPLOYEE_INVALID_PHONE',
      'MANAGER_NOT_FOUND',
      'MANAGER_NOT_FOUND',
    ]);
    expect(output).toContain('Issues (6)');
    for (const issue of issues) {
      expect(issue.fix).toMatch(/^In TriNet, /);
      expect(output).toContain(`  ${issue.code}  ${issue.recordId}`);
      expect(output).toContain(`    Fix: ${issue.fix}`);
    }
  });

  it('second sync: exactly the changes made in TriNet, and the duplicate email as the one new issue', () => {
    const { changes, second, newIssues } = result;
    const idOf = (kind: string) => changes.find((c) => c.kind === kind)?.employeeId;
    const plan = second.plan;
    const hostOf = (sourceId: string | undefined) =>
      result.users.find((u) => u.source_id === sourceId)?.host_id;

    expect(plan.blocked).toBeUndefined();
    expect(plan.creates.map((c) => c.employee.id)).toEqual([idOf('joiner')]);
    expect(plan.archives).toEqual([
      { type: 'archive', hostId: hostOf(idOf('leaver')), sourceId: idOf('leaver'), reason: 'terminated' },
    ]);
    const updates = plan.updates
      .map((u) => ({ sourceId: u.sourceId, fields: u.changes.map((c) => c.field) }))
      .sort((a, b) => a.sourceId.localeCompare(b.sourceId));
    expect(updates).toEqual(
      [
        { sourceId: idOf('title'), fields: ['title'] },
        { sourceId: idOf('manager'), fields: ['managerId'] },
      ].sort((a, b) => String(a.sourceId).localeCompare(String(b.sourceId))),
    );
    expect(plan.reactivations).toEqual([]);
    expect(plan.links).toEqual([]);

    const typo = idOf('duplicate-email');
    expect(newIssues.map((i) => i.code)).toEqual(['EMPLOYEE_DUPLICATE_EMAIL', 'EMPLOYEE_DUPLICATE_EMAIL']);
    expect(newIssues.map((i) => i.recordId)).toContain(typo);
    expect(second.applied?.outcomes).toHaveLength(4);
    expect(second.applied?.outcomes.every((o) => o.ok)).toBe(true);

    // The table holds the changes: the joiner under a new host id, the leaver archived, the new manager by host id.
    const joiner = result.users.find((u) => u.source_id === idOf('joiner'));
    expect(joiner).toMatchObject({ title: 'Software Engineer', archived: 0 });
    expect(joiner?.manager_host_id).toMatch(/^u\d{4}$/);
    expect(result.users.find((u) => u.source_id === idOf('leaver'))?.archived).toBe(1);

    const section = output.slice(output.indexOf('4. Second sync'), output.indexOf('5. Third sync'));
    expect(section).toContain('4 changes');
    expect(section.match(/^ {4}[+~-] \w+/gm)).toHaveLength(4);
    expect(section).toContain('New issues (2; 6 issues from before still open)');
  });

  it('third sync with nothing changed is empty', () => {
    const plan = result.third.plan;
    expect(plan.summary).toMatchObject({ creates: 0, updates: 0, archives: 0, reactivations: 0, links: 0 });
    expect(result.thirdNewIssues).toEqual([]);
    expect(result.third.applied?.outcomes ?? []).toEqual([]);
    expect(output).toContain('Nothing to do: ');
  });

  it('shows progress while reading, and points at the TriNet README at the end', () => {
    expect(statuses.some((s) => /Reading TriNet… \d+ records/.test(s))).toBe(true);
    expect(statuses.some((s) => /Writing to the users table… \d+ of 238/.test(s))).toBe(true);
    expect(output).toMatch(/records read: 1( → \d+)+\)/);
    expect(lines.at(-5)).toBe('What next');
    expect(output).toContain('packages/trinet/README.md');
  });
});
