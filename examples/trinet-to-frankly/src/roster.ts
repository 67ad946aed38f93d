import type { Employee, OrgUnit } from '@hrsync/core';

/** The days the example runs on: the first export, and the second one after Raj's last day. */
export const FIRST_RUN = new Date('2025-06-02T09:00:00Z');
export const SECOND_RUN = new Date('2025-06-16T09:00:00Z');

export const DEPARTMENTS: OrgUnit[] = [
  { id: 'D10', name: 'Engineering' },
  { id: 'D20', name: 'Sales' },
  { id: 'D30', name: 'People' },
];

export const LOCATIONS: OrgUnit[] = [
  { id: 'SF1', name: 'San Francisco' },
  { id: 'NYC1', name: 'New York' },
];

const sf = { id: 'SF1', name: 'San Francisco' };
const nyc = { id: 'NYC1', name: 'New York' };
const engineering = { id: 'D10', name: 'Engineering' };
const sales = { id: 'D20', name: 'Sales' };
const people = { id: 'D30', name: 'People' };

/** The HR owner: she becomes an Administrator in &frankly. */
export const OWNER_ID = '100001';
/** Leaves on 2025-06-13: sent on the first run, removed on the second. */
export const LEAVER_ID = '100004';
/** Her email already belongs to another &frankly company: &frankly rejects her. */
export const OTHER_COMPANY_EMAIL = 'ana.souza@acme-robotics.test';
/** A phone number an admin gave a user created by hand in &frankly; Tom has it too in TriNet. */
export const HAND_MADE_PHONE = '+14155552676';

/** The company in TriNet, in canonical form (the TriNet fake renders it in TriNet's wire format). */
export const EMPLOYEES: Employee[] = [
  {
    id: '100001',
    firstName: 'Maya',
    lastName: 'Chen',
    workEmail: 'maya.chen@acme-robotics.test',
    workPhone: '+14155552671',
    title: 'Head of People',
    department: people,
    location: sf,
    employmentStatus: 'active',
    employmentType: 'full_time',
    startDate: '2019-04-01',
  },
  {
    id: '100002',
    firstName: 'Omar',
    lastName: 'Haddad',
    workEmail: 'omar.haddad@acme-robotics.test',
    workPhone: '+14155552672',
    title: 'Staff Engineer',
    department: engineering,
    location: sf,
    managerId: '100001',
    employmentStatus: 'active',
    employmentType: 'full_time',
    startDate: '2020-01-06',
  },
  {
    id: '100003',
    firstName: 'Lena',
    lastName: 'Fischer',
    workEmail: 'lena.fischer@acme-robotics.test',
    // The same number as Omar's: &frankly allows a phone number on one user only.
    workPhone: '+14155552672',
    title: 'Engineer',
    department: engineering,
    location: nyc,
    managerId: '100002',
    employmentStatus: 'active',
    employmentType: 'part_time',
    startDate: '2023-09-11',
  },
  {
    id: LEAVER_ID,
    firstName: 'Raj',
    lastName: 'Patel',
    workEmail: 'raj.patel@acme-robotics.test',
    title: 'Account Executive',
    department: sales,
    location: nyc,
    managerId: '100001',
    employmentStatus: 'active',
    employmentType: 'contractor',
    startDate: '2024-02-01',
    endDate: '2025-06-13',
  },
  {
    id: '100005',
    firstName: 'Ana',
    lastName: 'Souza',
    workEmail: OTHER_COMPANY_EMAIL,
    title: 'Sales Lead',
    department: sales,
    location: nyc,
    managerId: '100001',
    employmentStatus: 'active',
    employmentType: 'full_time',
    startDate: '2021-05-17',
  },
  {
    id: '100006',
    firstName: 'Tom',
    lastName: 'Becker',
    workEmail: 'tom.becker@acme-robotics.test',
    workPhone: HAND_MADE_PHONE,
    title: 'Summer Engineer',
    department: engineering,
    location: sf,
    managerId: '100002',
    employmentStatus: 'active',
    employmentType: 'temporary',
    startDate: '2025-05-19',
  },
  {
    id: '100007',
    firstName: 'Jo',
    lastName: 'Kim',
    workEmail: 'jo.kim@acme-robotics.test',
    department: sales,
    location: sf,
    employmentStatus: 'terminated',
    employmentType: 'full_time',
    startDate: '2018-03-05',
    endDate: '2025-03-31',
  },
  {
    id: '100008',
    firstName: 'Eve',
    lastName: 'Novak',
    workEmail: 'eve.novak@acme-robotics.test',
    // Not a phone number: TriNet's mapping drops it with a warning.
    workPhone: 'ask reception',
    title: 'Office Manager',
    department: people,
    location: nyc,
    managerId: '100001',
    employmentStatus: 'active',
    employmentType: 'full_time',
    startDate: '2022-11-14',
  },
];
