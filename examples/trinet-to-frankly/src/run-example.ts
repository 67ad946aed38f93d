import { runSync, type SyncIssue, type SyncPlan, type SyncReport } from '@hrsync/core';
import { createFranklyDestination } from '@hrsync/frankly';
import { createFranklyFake, type FranklyFake } from '@hrsync/frankly/testing';
import { createTrinetSource } from '@hrsync/trinet';
import { createTrinetFake } from '@hrsync/trinet/testing';
import { createFileStateStore } from './file-state-store.ts';
import {
  DEPARTMENTS,
  EMPLOYEES,
  FIRST_RUN,
  HAND_MADE_PHONE,
  LOCATIONS,
  OTHER_COMPANY_EMAIL,
  OWNER_ID,
  SECOND_RUN,
} from './roster.ts';

/** Options of {@link runExample}. */
export interface ExampleOptions {
  /** Where the &frankly destination keeps the last state it pushed. */
  stateFile: string;
  /** Where lines go; default nowhere. */
  print?: ((line: string) => void) | undefined;
}

/** What the example did, for its test. */
export interface ExampleResult {
  preview: SyncReport;
  first: SyncReport;
  second: SyncReport;
  frankly: FranklyFake;
}

const FRANKLY_TOKEN = 'demo-frankly-api-token';

/**
 * TriNet (fake) → `runSync` → &frankly (fake), end to end:
 * 1. a dry run on 2025-06-02 shows the plan (who will be added to &frankly) and TriNet's data issues;
 * 2. the export pushes the company; &frankly rejects two people, and the pre-flight check drops a shared phone;
 * 3. an admin fixes Tom's phone in TriNet; on 2025-06-16, after Raj's last day, a second export removes Raj and
 *    adds Tom, while the user and group created by hand in &frankly stay untouched.
 *
 * @example
 * ```ts
 * await runExample({ stateFile: '/tmp/frankly-state.json', print: console.log });
 * ```
 */
export async function runExample(options: ExampleOptions): Promise<ExampleResult> {
  const print = options.print ?? (() => {});

  const trinet = createTrinetFake({ employees: EMPLOYEES, departments: DEPARTMENTS, locations: LOCATIONS });
  const source = createTrinetSource({
    companyId: trinet.companyId,
    ...trinet.credentials,
    fetch: trinet.fetch,
  });

  const frankly = createFranklyFake({
    token: FRANKLY_TOKEN,
    handMadeUsers: [
      {
        firstName: 'Grace',
        lastName: 'Miller',
        email: 'grace.miller@acme-robotics.test',
        phone: HAND_MADE_PHONE,
        role: 'Administrator',
      },
    ],
    handMadeGroups: [{ name: 'Leadership', description: 'Created by hand in &frankly' }],
    otherCompanyEmails: [OTHER_COMPANY_EMAIL],
  });

  let today = FIRST_RUN;
  const destination = createFranklyDestination({
    token: FRANKLY_TOKEN,
    fetch: frankly.fetch,
    stateStore: createFileStateStore(options.stateFile),
    roleOf: (employee) => (employee.id === OWNER_ID ? 'Administrator' : 'User'),
    now: () => today,
  });
  const names = new Map(EMPLOYEES.map((e) => [e.id, `${e.firstName} ${e.lastName}`]));
  const who = (id: string | undefined) => (id === undefined ? 'someone' : `${names.get(id) ?? id} (${id})`);

  print(`State file: ${options.stateFile}`);
  print('');
  print(`== 1. Dry run on ${day(today)}: what would change in &frankly ==`);
  const preview = await runSync({ source, destination, dryRun: true, now: today });
  printPlan(preview.plan, who, print);
  printIssues('Issues found while reading TriNet', preview.issues, who, print);

  print('');
  print(`== 2. Export on ${day(today)} ==`);
  const first = await runSync({ source, destination, now: today });
  printApplied(first, who, print);
  printFrankly(frankly, print);

  print('');
  print('== 3. An admin gives Tom his own phone number in TriNet ==');
  trinet.updateEmployee('100006', { workPhone: '+14155552679' });

  today = SECOND_RUN;
  print('');
  print(`== 4. Second export on ${day(today)}, after Raj's last day (2025-06-13) ==`);
  const plan = (await runSync({ source, destination, dryRun: true, now: today })).plan;
  printPlan(plan, who, print);
  const second = await runSync({ source, destination, now: today });
  printApplied(second, who, print);
  printFrankly(frankly, print);

  return { preview, first, second, frankly };
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function printPlan(
  plan: SyncPlan,
  who: (id: string | undefined) => string,
  print: (line: string) => void,
): void {
  const { creates, updates, archives, reactivations, unchanged } = plan.summary;
  print(
    `Plan: ${creates} to add, ${updates} to change, ${archives} to remove, ${reactivations} back, ${unchanged} unchanged`,
  );
  for (const op of plan.creates) print(`  + add     ${who(op.employee.id)}`);
  for (const op of plan.updates) {
    print(`  ~ change  ${who(op.sourceId)}: ${op.changes.map((c) => c.field).join(', ')}`);
  }
  for (const op of plan.archives) print(`  - remove  ${who(op.sourceId ?? op.hostId)} (${op.reason})`);
  for (const op of plan.reactivations) print(`  + back    ${who(op.sourceId)}`);
  if (plan.blocked) print(`  BLOCKED: ${plan.blocked.code}: ${plan.blocked.message}`);
}

function printApplied(
  report: SyncReport,
  who: (id: string | undefined) => string,
  print: (line: string) => void,
) {
  const outcomes = report.applied?.outcomes ?? [];
  const failed = outcomes.filter((o) => !o.ok);
  print(`Applied: ${outcomes.length - failed.length} done, ${failed.length} refused`);
  for (const outcome of failed) {
    if (!outcome.ok) print(`  x ${outcome.type} ${who(outcome.sourceId)}: ${outcome.code ?? 'APPLY_FAILED'}`);
  }
  printIssues('Issues for the admin', report.issues, who, print);
}

function printIssues(
  title: string,
  issues: readonly SyncIssue[],
  who: (id: string | undefined) => string,
  print: (line: string) => void,
): void {
  // runSync reports a refused operation twice: as the outcome's issue and as the destination's own (which carries
  // &frankly's fix text). Show each code and person once, the destination's issue winning.
  const unique = new Map<string, SyncIssue>();
  for (const issue of issues) unique.set(`${issue.code}|${issue.recordId ?? ''}`, issue);
  print(`${title}: ${unique.size}`);
  for (const issue of unique.values()) {
    print(`  ! ${issue.severity.padEnd(7)} ${issue.code} ${who(issue.recordId)}`);
    print(`      ${issue.message}`);
    print(`      Fix: ${issue.fix}`);
  }
}

function printFrankly(frankly: FranklyFake, print: (line: string) => void): void {
  const users = frankly.users();
  print(`&frankly now holds ${users.length} users and ${frankly.groups().length} groups:`);
  for (const user of users) {
    const kind = user.managed ? `managed, externalId ${user.externalId}` : 'hand-made';
    const phone = user.phone ? `, ${user.phone}` : '';
    print(`  ${user.firstName} ${user.lastName} <${user.email}> ${user.role} (${kind}${phone})`);
  }
  for (const group of frankly.groups()) {
    print(`  [${group.managed ? group.externalId : 'hand-made'}] ${group.name}: ${group.description}`);
  }
}
