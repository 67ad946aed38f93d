import type { Employee } from '@hrsync/core';
import { generateRoster, type Roster } from '@hrsync/testkit';
import type { EmployeePatch } from '@hrsync/trinet/testing';

/**
 * The company in the fake TriNet: 250 people from a fixed seed, with three planted defects so that the first sync
 * has issues to show (two people sharing a work email, a missing last name, a work phone that is not a number).
 */
export function createCompany(): Roster {
  return generateRoster({
    seed: 42,
    size: 250,
    domain: 'acme-robotics.test',
    defects: { duplicateEmails: 1, missingNames: 1, invalidPhones: 1 },
  });
}

/** A user the host app already has before its first sync, under the host's own id. */
export interface ExistingUser {
  hostId: string;
  email: string;
  firstName: string;
  lastName: string;
  title: string | null;
}

/**
 * The host app's users before the first sync: five people who are also in TriNet (created by hand, with the
 * host's own ids, an email typed with capitals, titles that went stale) and a help-desk account TriNet does not
 * know, which hrsync must leave alone.
 */
export function existingUsers(company: Roster): ExistingUser[] {
  const people = individualContributors(company).slice(0, 4);
  const ceo = company.employees[0];
  if (!ceo || people.length < 4) throw new Error('the seeded company is too small');
  const users = [ceo, ...people].map(
    (e, i): ExistingUser => ({
      hostId: hostId(i + 1),
      email: e.workEmail,
      firstName: e.firstName,
      lastName: e.lastName,
      title: i === 0 ? 'CEO' : null,
    }),
  );
  // Typed by hand in the host app: matching by email ignores case.
  const second = users[1]!;
  second.email = capitalise(second.email);
  users.push({
    hostId: hostId(users.length + 1),
    email: `it.helpdesk@${domainOf(ceo.workEmail)}`,
    firstName: 'IT',
    lastName: 'Helpdesk',
    title: 'Shared account',
  });
  return users;
}

/** One change an admin makes in TriNet between the first and the second sync. */
export interface RosterChange {
  kind: 'joiner' | 'leaver' | 'title' | 'manager' | 'duplicate-email';
  /** The person it is about. */
  employeeId: string;
  /** What the admin did, in words. */
  description: string;
  /** Applies it to the fake TriNet. */
  apply(fake: {
    addEmployee(e: Employee): void;
    updateEmployee(id: string, patch: EmployeePatch): boolean;
  }): void;
}

/**
 * What happens in TriNet before the second sync: a joiner, a leaver, a promotion, a new manager, and a typo that
 * gives one person another's work email. Each picks people nobody reports to, none of them a planted defect, so
 * the second plan holds exactly these changes.
 */
export function changesBeforeSecondSync(company: Roster): RosterChange[] {
  const byId = new Map(company.employees.map((e) => [e.id, e]));
  const name = (id: string | undefined) => {
    const e = id === undefined ? undefined : byId.get(id);
    return e ? `${e.firstName} ${e.lastName}` : '(nobody)';
  };
  // The first four individual contributors are already host users; the next five change.
  const [leaver, promoted, moved, typo, typoVictim] = individualContributors(company).slice(4, 9);
  const ceo = company.employees[0];
  if (!leaver || !promoted || !moved || !typo || !typoVictim || !ceo)
    throw new Error('the seeded company is too small');
  const heads = company.employees.filter((e) => e.managerId === ceo.id && e.employmentStatus === 'active');
  const newManager = heads.find((e) => e.id !== moved.managerId && e.id !== moved.id);
  if (!newManager) throw new Error('the seeded company has no second department head');
  const joinerManager = heads.find((e) => e.department?.name === 'Engineering') ?? ceo;

  const lastId = company.employees.at(-1)?.id ?? 'E00000';
  const joiner: Employee = {
    id: `E${String(Number(lastId.slice(1)) + 1).padStart(5, '0')}`,
    employeeNumber: String(1000 + company.employees.length),
    firstName: 'Maya',
    lastName: 'Okafor',
    workEmail: `maya.okafor@${domainOf(ceo.workEmail)}`,
    employmentStatus: 'active',
    employmentType: 'full_time',
    title: 'Software Engineer',
    managerId: joinerManager.id,
    startDate: company.now,
    ...(joinerManager.department ? { department: joinerManager.department } : {}),
    ...(joinerManager.location ? { location: joinerManager.location } : {}),
  };
  const title = promoted.title ?? 'Associate';
  const promotedTitle = title.startsWith('Senior ')
    ? title.replace('Senior', 'Principal')
    : `Senior ${title}`;
  // The last working day before the roster's reference day: a leaver now.
  const lastDay = dayBefore(company.now);

  return [
    {
      kind: 'joiner',
      employeeId: joiner.id,
      description: `${joiner.firstName} ${joiner.lastName} joins as ${joiner.title}, reporting to ${name(joiner.managerId)}`,
      apply: (fake) => fake.addEmployee(joiner),
    },
    {
      kind: 'leaver',
      employeeId: leaver.id,
      description: `${name(leaver.id)} leaves (terminated, last day ${lastDay})`,
      apply: (fake) => {
        fake.updateEmployee(leaver.id, { employmentStatus: 'terminated', endDate: lastDay });
      },
    },
    {
      kind: 'title',
      employeeId: promoted.id,
      description: `${name(promoted.id)} is promoted to ${promotedTitle}`,
      apply: (fake) => {
        fake.updateEmployee(promoted.id, { title: promotedTitle });
      },
    },
    {
      kind: 'manager',
      employeeId: moved.id,
      description: `${name(moved.id)} now reports to ${name(newManager.id)} (was ${name(moved.managerId)})`,
      apply: (fake) => {
        fake.updateEmployee(moved.id, { managerId: newManager.id });
      },
    },
    {
      kind: 'duplicate-email',
      employeeId: typo.id,
      description: `${name(typo.id)} is given ${name(typoVictim.id)}'s work email by mistake (${typoVictim.workEmail})`,
      apply: (fake) => {
        fake.updateEmployee(typo.id, { workEmail: typoVictim.workEmail });
      },
    },
  ];
}

/** The host's own id for its n-th user. */
export function hostId(n: number): string {
  return `u${String(n).padStart(4, '0')}`;
}

// Active people with a manager, nobody reporting to them, and no planted defect: safe to change one at a time.
function individualContributors(company: Roster): Employee[] {
  const managers = new Set(company.employees.map((e) => e.managerId));
  const defective = new Set(company.defects.flatMap((d) => d.employeeIds));
  return company.employees.filter(
    (e) =>
      e.employmentStatus === 'active' &&
      e.managerId !== undefined &&
      e.endDate === undefined &&
      !managers.has(e.id) &&
      !defective.has(e.id),
  );
}

function capitalise(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  const words = local.split('.').map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  return `${words.join('.')}@${domain.charAt(0).toUpperCase()}${domain.slice(1)}`;
}

function domainOf(email: string): string {
  return email.slice(email.indexOf('@') + 1);
}

function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
