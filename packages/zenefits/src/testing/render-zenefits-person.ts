import type { Employee, EmploymentType, OrgUnit } from '@hrsync/core';

/** Where rendered records point their URLs and refs. */
export interface RenderZenefitsOptions {
  /** The API origin refs point at; default `https://api.zenefits.com`. */
  baseUrl?: string | undefined;
  /** The company every record belongs to; default `'216397'`. */
  companyId?: string | undefined;
}

/** Options of {@link renderZenefitsPerson}. */
export interface RenderZenefitsPersonOptions extends RenderZenefitsOptions {
  /** The person's department id, when the employee's department has no id of its own. */
  departmentId?: string | undefined;
  /** The person's location id, when the employee's location has no id of its own. */
  locationId?: string | undefined;
}

const DEFAULT_BASE_URL = 'https://api.zenefits.com';
const DEFAULT_COMPANY_ID = '216397';

const STATUS: Record<Employee['employmentStatus'], string> = {
  active: 'active',
  pending: 'requested',
  leave: 'leave_of_absence',
  terminated: 'terminated',
};

// employment_type / employment_sub_type pairs; the sub-types are the ones Trelica lists, the types are [I].
const TYPES: Record<EmploymentType, { employment_type: string; employment_sub_type: string }> = {
  full_time: { employment_type: 'full_time', employment_sub_type: 'Full Time' },
  part_time: { employment_type: 'part_time', employment_sub_type: 'Part Time' },
  temporary: { employment_type: 'temporary', employment_sub_type: 'Company Paid Temp' },
  contractor: { employment_type: 'contractor', employment_sub_type: 'Independent Contractor' },
  intern: { employment_type: 'temporary', employment_sub_type: 'Intern' },
  other: { employment_type: 'other', employment_sub_type: 'Volunteer' },
};

function base(options: RenderZenefitsOptions): string {
  return (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
}

/**
 * A detail reference as Zenefits sends it: `{ url, object: '/meta/ref/detail', ref_object }`, with `url: null` when
 * there is none (never a `null` ref).
 *
 * @example
 * ```ts
 * renderZenefitsRef('people', '9386671'); // { url: 'https://api.zenefits.com/core/people/9386671', ... }
 * renderZenefitsRef('people', undefined).url; // null
 * ```
 */
export function renderZenefitsRef(
  kind: 'people' | 'departments' | 'locations' | 'companies' | 'labor_groups',
  id: string | undefined,
  options: RenderZenefitsOptions = {},
): { url: string | null; object: string; ref_object: string } {
  return {
    url: id === undefined ? null : `${base(options)}/core/${kind}/${encodeURIComponent(id)}`,
    object: '/meta/ref/detail',
    ref_object: `/core/${kind}`,
  };
}

function listRef(path: string, refObject: string, options: RenderZenefitsOptions) {
  return { url: `${base(options)}${path}`, object: '/meta/ref/list', ref_object: refObject };
}

// US numbers the way Zenefits shows them ("(713) 555-1234"); anything else as stored.
function renderPhone(phone: string | undefined): string | null {
  if (phone === undefined) return null;
  const us = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(phone);
  return us ? `(${us[1]}) ${us[2]}-${us[3]}` : phone;
}

/**
 * Renders a canonical employee as a person of `/core/people`, field for field as the captured real response has
 * them: the inverse of the adapter's mapping, used by the fake to serve a roster (for example one from the testkit's
 * `generateRoster`). Values are rendered as they are, so a deliberately broken employee (an empty last name, an
 * email without `@`) is served broken. The status becomes Zenefits' word (`pending` → `requested`, `leave` →
 * `leave_of_absence`); dates and employment type go to the employment ({@link renderZenefitsEmployment}).
 *
 * @example
 * ```ts
 * const person = renderZenefitsPerson({
 *   id: '9386674', firstName: 'Nathan', lastName: 'Ash', workEmail: 'nathan@example.com',
 *   employmentStatus: 'active', managerId: '9386671', workPhone: '+17135551234',
 * });
 * person.work_phone; // '(713) 555-1234'
 * person.manager.url; // 'https://api.zenefits.com/core/people/9386671'
 * ```
 */
export function renderZenefitsPerson(employee: Employee, options: RenderZenefitsPersonOptions = {}) {
  const root = base(options);
  const id = employee.id;
  return {
    id,
    object: '/core/people',
    url: `${root}/core/people/${encodeURIComponent(id)}`,
    first_name: employee.firstName,
    middle_name: null,
    last_name: employee.lastName,
    preferred_name: employee.preferredName ?? null,
    work_email: employee.workEmail,
    personal_email: employee.personalEmail ?? null,
    work_phone: renderPhone(employee.workPhone),
    personal_phone: null,
    status: STATUS[employee.employmentStatus] ?? String(employee.employmentStatus),
    type: 'regular',
    title: employee.title ?? null,
    employee_number: employee.employeeNumber ?? null,
    is_admin: false,
    gender: null,
    date_of_birth: null,
    street1: null,
    street2: null,
    city: null,
    state: null,
    postal_code: null,
    country: null,
    photo_url: null,
    photo_thumbnail_url: null,
    personal_pronoun: null,
    manager: renderZenefitsRef('people', employee.managerId, options),
    department: renderZenefitsRef('departments', employee.department?.id ?? options.departmentId, options),
    location: renderZenefitsRef('locations', employee.location?.id ?? options.locationId, options),
    company: renderZenefitsRef('companies', options.companyId ?? DEFAULT_COMPANY_ID, options),
    employments: listRef(`/core/people/${encodeURIComponent(id)}/employments`, '/core/employments', options),
    subordinates: listRef(`/core/people/${encodeURIComponent(id)}/subordinates`, '/core/people', options),
  };
}

/** A person as {@link renderZenefitsPerson} renders it. */
export type RenderedZenefitsPerson = ReturnType<typeof renderZenefitsPerson>;

/**
 * Renders the employment of a canonical employee as `/core/employments` lists it: `startDate` → `hire_date`,
 * `endDate` → `termination_date`, the employment type as a type and sub-type pair, `is_active` when there is no
 * termination date.
 *
 * @example
 * ```ts
 * renderZenefitsEmployment(
 *   { id: '9386674', firstName: 'N', lastName: 'A', workEmail: 'n@example.com', employmentStatus: 'active',
 *     startDate: '2019-04-01', employmentType: 'part_time' },
 *   '4410002',
 * ).employment_sub_type; // 'Part Time'
 * ```
 */
export function renderZenefitsEmployment(
  employee: Employee,
  employmentId: string,
  options: RenderZenefitsOptions = {},
) {
  const type = employee.employmentType === undefined ? undefined : TYPES[employee.employmentType];
  const terminated = employee.endDate ?? null;
  return {
    id: employmentId,
    object: '/core/employments',
    url: `${base(options)}/core/employments/${encodeURIComponent(employmentId)}`,
    person: renderZenefitsRef('people', employee.id, options),
    hire_date: employee.startDate ?? null,
    termination_date: terminated,
    termination_type: employee.employmentStatus === 'terminated' ? 'voluntary' : null,
    employment_type: type?.employment_type ?? null,
    employment_sub_type: type?.employment_sub_type ?? null,
    is_active: terminated === null && employee.employmentStatus !== 'terminated',
    comp_type: 'salary',
    annual_salary: null,
    pay_rate: null,
    amount_type: null,
    is_flsa_exempt: null,
    working_hours_per_week: employee.employmentType === 'part_time' ? '20' : '40',
  };
}

/**
 * Renders a department as `/core/departments` lists it (a missing name is `null`).
 *
 * @example
 * ```ts
 * renderZenefitsDepartment({ id: '219736', name: 'Engineering' }).name; // 'Engineering'
 * ```
 */
export function renderZenefitsDepartment(unit: OrgUnit, options: RenderZenefitsOptions = {}) {
  const root = base(options);
  const id = encodeURIComponent(unit.id);
  return {
    id: unit.id,
    object: '/core/departments',
    url: `${root}/core/departments/${id}`,
    name: unit.name ?? null,
    company: renderZenefitsRef('companies', options.companyId ?? DEFAULT_COMPANY_ID, options),
    people: listRef(`/core/departments/${id}/people`, '/core/people', options),
    labor_group: renderZenefitsRef('labor_groups', undefined, options),
  };
}

/**
 * Renders a location as `/core/locations` lists it (address fields empty; a missing name is `null`).
 *
 * @example
 * ```ts
 * renderZenefitsLocation({ id: '367177', name: 'Houston HQ' }).name; // 'Houston HQ'
 * ```
 */
export function renderZenefitsLocation(unit: OrgUnit, options: RenderZenefitsOptions = {}) {
  const root = base(options);
  const id = encodeURIComponent(unit.id);
  return {
    id: unit.id,
    object: '/core/locations',
    url: `${root}/core/locations/${id}`,
    name: unit.name ?? null,
    street1: null,
    street2: null,
    city: null,
    state: null,
    zip: null,
    country: null,
    phone: null,
    company: renderZenefitsRef('companies', options.companyId ?? DEFAULT_COMPANY_ID, options),
    people: listRef(`/core/locations/${id}/people`, '/core/people', options),
  };
}
