import { DatabaseSync } from 'node:sqlite';
import { runSync, type SyncIssue, type SyncProgress, type SyncReport } from '@hrsync/core';
import { startLoopbackServer } from '@hrsync/testkit';
import { createTrinetSource } from '@hrsync/trinet';
import { createTrinetFake } from '@hrsync/trinet/testing';
import { columns, count, describeChange, describeIssue, duration } from './format.ts';
import {
  changesBeforeSecondSync,
  createCompany,
  type ExistingUser,
  existingUsers,
  type RosterChange,
} from './roster.ts';
import {
  createUsersDestination,
  createUsersTable,
  listUsers,
  SYNCED_FIELDS,
  type UserRow,
} from './users-table.ts';

/** Options of {@link runQuickstart}. */
export interface QuickstartOptions {
  /** Where lines go; default nowhere. */
  print?: ((line: string) => void) | undefined;
  /**
   * Shows a status line that the next call replaces (a terminal's progress line); called with `''` to clear it
   * before the next printed line. Default: none, and progress is summed up in the printed lines instead.
   */
  status?: ((text: string) => void) | undefined;
  /** The host database file; default `':memory:'`. */
  databasePath?: string | undefined;
  /** Delay the fake TriNet adds to every request, as a network would, in ms; default 40. */
  latencyMs?: number | undefined;
}

/** What the quickstart did, for its test. */
export interface QuickstartResult {
  /** The users the host app had before its first sync. */
  existing: ExistingUser[];
  /** The first sync, dry run: the plan shown before anything is written. */
  preview: SyncReport;
  /** The first sync, applied. */
  first: SyncReport;
  /** What the admin changed in TriNet before the second sync. */
  changes: RosterChange[];
  /** The second sync: only the changes. */
  second: SyncReport;
  /** Issues of the second sync that the first one did not have. */
  newIssues: SyncIssue[];
  /** The third sync, with nothing changed in TriNet. */
  third: SyncReport;
  /** Issues of the third sync that the second one did not have. */
  thirdNewIssues: SyncIssue[];
  /** The users table at the end. */
  users: UserRow[];
}

const FIRST_ROWS = 5;

const CHANGE_LABELS: Record<RosterChange['kind'], string> = {
  joiner: 'joiner',
  leaver: 'leaver',
  title: 'title change',
  manager: 'new manager',
  'duplicate-email': 'duplicate email',
};

/**
 * The quickstart, start to end:
 * 1. a fake TriNet serves a 250-person company over `node:http` on loopback; the host app's `users` table (on
 *    `node:sqlite`) already holds five of those people under its own ids, and a help-desk account;
 * 2. a dry run of the first sync prints the plan: counts, the first rows of each kind, and every issue with its fix;
 * 3. the first sync links the five existing users by email and creates everyone else;
 * 4. an admin changes TriNet (a joiner, a leaver, a promotion, a new manager, a duplicate email);
 * 5. the second sync prints and applies only those changes, and the one new issue;
 * 6. a third sync, with nothing changed, has nothing to do.
 *
 * @example
 * ```ts
 * await runQuickstart({ print: (line) => console.log(line) });
 * ```
 */
export async function runQuickstart(options: QuickstartOptions = {}): Promise<QuickstartResult> {
  const emit = options.print ?? (() => {});
  const print = (...lines: string[]) => {
    for (const line of lines) emit(line);
  };
  const status = options.status;

  // The fake TriNet, over a real socket: the source talks HTTP to it exactly as it would to TriNet.
  const company = createCompany();
  const fake = createTrinetFake({
    employees: company.employees,
    departments: company.departments,
    locations: company.locations,
    latencyMs: options.latencyMs ?? 40,
  });
  const server = await startLoopbackServer(fake.handler);
  const db = new DatabaseSync(options.databasePath ?? ':memory:');
  try {
    const source = createTrinetSource({
      companyId: fake.companyId,
      clientId: fake.credentials.clientId,
      clientSecret: fake.credentials.clientSecret,
      baseUrl: server.url,
    });
    const existing = existingUsers(company);
    createUsersTable(db, existing);
    const destination = createUsersDestination(db);
    // The seeded roster's dates (start dates, last days) are relative to this day.
    const now = new Date(`${company.now}T12:00:00Z`);

    const names = new Map<string, string>();
    const learnNames = () => {
      for (const e of fake.employees()) names.set(e.id, `${e.firstName} ${e.lastName}`.trim());
    };
    learnNames();
    const nameOf = (sourceId: string) => names.get(sourceId) ?? sourceId;
    const userName = (host: string) => {
      const row = db.prepare('SELECT first_name, last_name FROM users WHERE host_id = ?').get(host) as
        | { first_name: string; last_name: string }
        | undefined;
      return row ? `${row.first_name} ${row.last_name}` : host;
    };

    const sync = async (dryRun: boolean): Promise<{ report: SyncReport; progress: string }> => {
      const reads: number[] = [];
      const onProgress = ({ phase, done, total }: SyncProgress) => {
        if (phase === 'fetch') {
          reads.push(done);
          status?.(`  Reading TriNet… ${count(done, 'record')}`);
        } else if (phase === 'apply' && total !== undefined) {
          status?.(`  Writing to the users table… ${done} of ${total}`);
        }
      };
      const report = await runSync({
        source,
        destination,
        dryRun,
        now,
        fields: SYNCED_FIELDS,
        onProgress,
      });
      status?.('');
      return { report, progress: reads.join(' → ') };
    };

    print('hrsync quickstart');
    print(
      'A fake TriNet → a dry run → your app’s users table (node:sqlite) → a second sync with only the changes.',
    );
    print('');
    print(
      ...columns([
        [
          'TriNet (fake)',
          `${server.url}, company ${fake.companyId}: ${count(company.employees.length, 'person', 'people')}, ` +
            `${company.departments.length} departments, ${company.locations.length} sites`,
        ],
        [
          'Your app',
          `${options.databasePath ?? 'an in-memory database'}, table users: ${count(existing.length, 'user')}, none linked to TriNet yet`,
        ],
      ]),
    );

    // 1. The dry run: what the first sync would do, before anything is written.
    print('');
    print('1. First sync, dry run (nothing is written)');
    const { report: preview, progress: previewProgress } = await sync(true);
    printRead(preview, previewProgress);
    const plan = preview.plan;
    print('');
    print('Plan');
    print(
      ...columns([
        [
          'link',
          String(plan.links.length),
          'users your app already has, matched by email, tied to TriNet from now on',
        ],
        ['create', String(plan.creates.length), 'people new to your app'],
        ['update', String(plan.updates.length), 'users whose fields differ from TriNet'],
        ['archive', String(plan.archives.length), 'users who left'],
        ['reactivate', String(plan.reactivations.length), 'archived users who are back'],
        ['unchanged', String(plan.unchanged), ''],
        ['issues', String(preview.issues.length), 'records skipped or fields left out; each has a fix'],
      ]),
    );
    if (plan.blocked) print(`  BLOCKED (${plan.blocked.code}): ${plan.blocked.message}`);
    printFirst(
      'Links',
      plan.links.map((l) => {
        const user = existing.find((u) => u.hostId === l.hostId);
        return [l.hostId, user?.email ?? '', '→', l.sourceId, nameOf(l.sourceId)];
      }),
    );
    printFirst(
      'Creates',
      plan.creates.map(({ employee: e }) => [
        e.id,
        nameOf(e.id),
        e.title ?? '',
        e.department?.name ?? '',
        e.location?.name ?? '',
      ]),
    );
    printFirst(
      'Updates',
      plan.updates.map((u) => [
        u.hostId,
        nameOf(u.sourceId),
        u.changes.map((c) => describeChange(c, nameOf)).join('; '),
      ]),
    );
    printIssues('Issues', preview.issues);

    // 2. The same sync, applied.
    print('');
    print('2. First sync, applied');
    const { report: first, progress: firstProgress } = await sync(false);
    printRead(first, firstProgress);
    printApplied(first);
    const users = listUsers(db);
    const linked = users.filter((u) => u.source_id !== null);
    const unlinked = users.filter((u) => u.source_id === null);
    print(
      `  The users table now holds ${count(users.length, 'user')}: ${linked.length} linked to TriNet` +
        (unlinked.length > 0
          ? `, ${unlinked.length} not in TriNet and left alone (${unlinked.map((u) => u.email).join(', ')})`
          : ''),
    );
    print('');
    print('  Its first rows (the manager is stored as your own user id):');
    print(
      ...columns(
        [
          ['host_id', 'source_id', 'email', 'title', 'department', 'location', 'manager_host_id'],
          ...users
            .slice(0, FIRST_ROWS)
            .map((u) => [
              u.host_id,
              u.source_id ?? '',
              u.email,
              u.title ?? '',
              u.department ?? '',
              u.location ?? '',
              u.manager_host_id ?? '',
            ]),
        ],
        '    ',
      ),
    );

    // 3. Meanwhile, in TriNet.
    const changes = changesBeforeSecondSync(company);
    for (const change of changes) change.apply(fake);
    learnNames();
    print('');
    print('3. Meanwhile, an admin changes TriNet');
    print(...columns(changes.map((c) => [CHANGE_LABELS[c.kind], c.employeeId, c.description])));

    // 4. The second sync: only what changed.
    print('');
    print('4. Second sync: only the changes');
    const { report: second, progress: secondProgress } = await sync(false);
    printRead(second, secondProgress);
    printDelta(second);
    printApplied(second);
    const newIssues = issuesNotIn(second.issues, first.issues);
    printIssues('New issues', newIssues, second.issues.length - newIssues.length);

    // 5. Nothing changed: nothing to do.
    print('');
    print('5. Third sync, nothing changed in TriNet');
    const { report: third, progress: thirdProgress } = await sync(false);
    printRead(third, thirdProgress);
    const thirdNewIssues = issuesNotIn(third.issues, second.issues);
    printDelta(third);
    print(
      `  ${count(thirdNewIssues.length, 'new issue')}; ${count(third.issues.length - thirdNewIssues.length, 'issue')} still open in TriNet.`,
    );

    print('');
    print('What next');
    print(
      '  - Connect a real TriNet company: packages/trinet/README.md (@hrsync/trinet) lists the three credentials',
    );
    print(
      '    an admin must request (TriNet takes days to issue them), the options, the codes and the rate limits.',
    );
    print(
      '  - Write your own destination over your users table, as examples/quickstart/src/users-table.ts does.',
    );
    print('  - Every issue code and its fix: docs/codes.md.');

    return {
      existing,
      preview,
      first,
      changes,
      second,
      newIssues,
      third,
      thirdNewIssues,
      users: listUsers(db),
    };

    function printRead(report: SyncReport, progress: string): void {
      print(
        `  Read TriNet in ${duration(report.timings.fetchMs)} (records read: ${progress || '0'})` +
          (report.complete ? '' : ', INCOMPLETE: nobody is archived'),
      );
    }

    function printFirst(title: string, rows: string[][]): void {
      if (rows.length === 0) return;
      const shown = rows.slice(0, FIRST_ROWS);
      const more = rows.length - shown.length;
      print('');
      print(`${title} (${more > 0 ? `first ${shown.length} of ${rows.length}` : rows.length})`);
      print(...columns(shown));
    }

    function printIssues(title: string, issues: readonly SyncIssue[], stillOpen?: number): void {
      print('');
      const open = stillOpen === undefined ? '' : `; ${count(stillOpen, 'issue')} from before still open`;
      print(`${title} (${issues.length}${open})`);
      for (const issue of issues) print(...describeIssue(issue, nameOf));
    }

    function printDelta(report: SyncReport): void {
      const p = report.plan;
      const rows: string[][] = [
        ...p.creates.map(({ employee: e }) => [
          '+ create',
          e.id,
          nameOf(e.id),
          [e.title, e.department?.name, e.location?.name].filter(Boolean).join(', '),
        ]),
        ...p.updates.map((u) => [
          '~ update',
          u.hostId,
          nameOf(u.sourceId),
          u.changes.map((c) => describeChange(c, nameOf)).join('; '),
        ]),
        ...p.reactivations.map((r) => ['+ back', r.hostId, nameOf(r.sourceId), 'rehired']),
        ...p.links.map((l) => ['= link', l.hostId, nameOf(l.sourceId), `matched by ${l.matchedBy}`]),
        ...p.archives.map((a) => ['- archive', a.hostId, userName(a.hostId), a.reason.replaceAll('_', ' ')]),
      ];
      if (rows.length === 0) {
        print(`  Nothing to do: ${count(p.unchanged, 'user')} already in step with TriNet.`);
        return;
      }
      print(
        `  ${count(rows.length, 'change')}, ${count(p.unchanged, 'user')} unchanged` +
          (p.blocked ? ` (BLOCKED, ${p.blocked.code}: ${p.blocked.message})` : ''),
      );
      print(...columns(rows, '    '));
    }

    function printApplied(report: SyncReport): void {
      const outcomes = report.applied?.outcomes ?? [];
      if (outcomes.length === 0) return;
      const refused = outcomes.filter((o) => !o.ok);
      const byType = new Map<string, number>();
      for (const o of outcomes) if (o.ok) byType.set(o.type, (byType.get(o.type) ?? 0) + 1);
      const parts = [...byType].map(([type, n]) => `${n} ${type}${n === 1 ? '' : 's'}`);
      print(
        `  Applied in ${duration(report.timings.applyMs)}: ${parts.join(', ')}; ${refused.length} refused by the database`,
      );
      for (const o of refused)
        if (!o.ok) print(`    x ${o.type} ${o.sourceId ?? o.hostId ?? ''}: ${o.message}`);
    }
  } finally {
    db.close();
    await server.close();
  }
}

/** Issues of `later` that `earlier` did not have (same code, record and field). */
function issuesNotIn(later: readonly SyncIssue[], earlier: readonly SyncIssue[]): SyncIssue[] {
  const key = (i: SyncIssue) => `${i.code}|${i.recordId ?? ''}|${i.field ?? ''}`;
  const seen = new Set(earlier.map(key));
  return later.filter((i) => !seen.has(key(i)));
}
