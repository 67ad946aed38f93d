import type { Employee, EmploymentType, OrgUnit } from '@hrsync/core';

/**
 * Where rendered records point their URLs and refs.
 *
 * @example
 * ```ts
 * renderZenefitsDepartment({ id: '1', name: 'Ops' }, { baseUrl: 'http://127.0.0.1:8080', companyId: '42' });
 * ```
 */
export interface RenderZenefitsOptions {
  /** The API origin refs point at; default `https://api.zenefits.com`. */
  baseUrl?: string | undefined;
  /** The company every record belongs to; default `'216397'`. */
  companyId?: string | undefined;
}

/**
 * Options of {@link renderZenefitsPerson}.
 *
 * @example
 * ```ts
 * renderZenefitsPerson(employee, { departmentId: '219736' }).department.url; // '.../core/departments/219736'
 * ```
 */
export interface RenderZenefitsPersonOptions extends RenderZenefitsOptions {
  /** The person's department id, when the employee's department has no id of its own. */
  departmentId?: string | undefined;
  /** The person's location id, when the employee's location has no id of its own. */
  locationId?: string | undefined;
}

/**
 * A reference as Zenefits sends it: `url` is `null` when there is none (the ref itself is never `null`).
 *
 * @example
 * ```ts
 * const none: ZenefitsWireRef = { url: null, object: '/meta/ref/detail', ref_object: '/core/people' };
 * ```
 */
export interface ZenefitsWireRef {
  /** The referenced object's URL; its last path segment is the id. `null` for none. */
  url: string | null;
  /** `'/meta/ref/detail'` for one object, `'/meta/ref/list'` for a list. */
  object: string;
  /** The kind referenced (`'/core/people'`). */
  ref_object: string;
}

/**
 * A person of `/core/people`, with the fields of the captured real response.
 *
 * @example
 * ```ts
 * const person: ZenefitsWirePerson = renderZenefitsPerson(employee);
 * ```
 */
export interface ZenefitsWirePerson {
  /** The person id. */
  id: string;
  /** `'/core/people'`. */
  object: string;
  /** The person's own URL. */
  url: string;
  /** Legal first name. */
  first_name: string;
  /** Always `null` here. */
  middle_name: string | null;
  /** Legal last name. */
  last_name: string;
  /** Preferred first name. */
  preferred_name: string | null;
  /** Work email; `null` without the `people.work_email` scope. */
  work_email: string | null;
  /** Personal email. */
  personal_email: string | null;
  /** Work phone as Zenefits shows it (`(713) 555-1234`). */
  work_phone: string | null;
  /** Always `null` here. */
  personal_phone: string | null;
  /** `active`, `leave_of_absence`, `requested`, `terminated`, ...; `null` without the `people.status` scope. */
  status: string | null;
  /** `'regular'` (`'admin'` for admin-only accounts). */
  type: string;
  /** Job title. */
  title: string | null;
  /** Human-facing employee number. */
  employee_number: string | null;
  /** Whether the person is a Zenefits admin. */
  is_admin: boolean;
  /** Always `null` here. */
  gender: string | null;
  /** Always `null` here. */
  date_of_birth: string | null;
  /** Home address line; always `null` here. */
  street1: string | null;
  /** Home address line; always `null` here. */
  street2: string | null;
  /** Always `null` here. */
  city: string | null;
  /** Always `null` here. */
  state: string | null;
  /** Always `null` here. */
  postal_code: string | null;
  /** Always `null` here. */
  country: string | null;
  /** Always `null` here. */
  photo_url: string | null;
  /** Always `null` here. */
  photo_thumbnail_url: string | null;
  /** Always `null` here. */
  personal_pronoun: string | null;
  /** The manager (a person). */
  manager: ZenefitsWireRef;
  /** The department. */
  department: ZenefitsWireRef;
  /** The location (site, office). */
  location: ZenefitsWireRef;
  /** The company. */
  company: ZenefitsWireRef;
  /** The person's employments (a list ref). */
  employments: ZenefitsWireRef;
  /** The person's reports (a list ref). */
  subordinates: ZenefitsWireRef;
}

/**
 * An employment of `/core/employments`: one period of work of one person.
 *
 * @example
 * ```ts
 * const employment: ZenefitsWireEmployment = renderZenefitsEmployment(employee, '4410002');
 * ```
 */
export interface ZenefitsWireEmployment {
  /** The employment id. */
  id: string;
  /** `'/core/employments'`. */
  object: string;
  /** The employment's own URL. */
  url: string;
  /** The person it belongs to. */
  person: ZenefitsWireRef;
  /** Start date, `YYYY-MM-DD`. */
  hire_date: string | null;
  /** Leaving date, `YYYY-MM-DD`; `null` while employed. */
  termination_date: string | null;
  /** `'voluntary'` for a rendered leaver, else `null`. */
  termination_type: string | null;
  /** `'full_time'`, `'part_time'`, `'temporary'`, ... ([I]: the real values are not documented). */
  employment_type: string | null;
  /** `'Full Time'`, `'Part Time'`, `'Intern'`, `'Company Paid Temp'`, `'Independent Contractor'`, `'Volunteer'`. */
  employment_sub_type: string | null;
  /** True while the employment is open. */
  is_active: boolean;
  /** `'salary'`. */
  comp_type: string | null;
  /** Always `null` here. */
  annual_salary: string | null;
  /** Always `null` here. */
  pay_rate: string | null;
  /** Always `null` here. */
  amount_type: string | null;
  /** Always `null` here. */
  is_flsa_exempt: boolean | null;
  /** `'40'`, or `'20'` for part time. */
  working_hours_per_week: string | null;
}

/**
 * A department of `/core/departments`.
 *
 * @example
 * ```ts
 * const department: ZenefitsWireDepartment = renderZenefitsDepartment({ id: '219736', name: 'Engineering' });
 * ```
 */
export interface ZenefitsWireDepartment {
  /** The department id. */
  id: string;
  /** `'/core/departments'`. */
  object: string;
  /** The department's own URL. */
  url: string;
  /** Its name; `null` when it has none. */
  name: string | null;
  /** The company. */
  company: ZenefitsWireRef;
  /** Its people (a list ref). */
  people: ZenefitsWireRef;
  /** Its labor group; `url: null` here. */
  labor_group: ZenefitsWireRef;
}

/**
 * A location of `/core/locations`.
 *
 * @example
 * ```ts
 * const location: ZenefitsWireLocation = renderZenefitsLocation({ id: '367177', name: 'Houston HQ' });
 * ```
 */
export interface ZenefitsWireLocation {
  /** The location id. */
  id: string;
  /** `'/core/locations'`. */
  object: string;
  /** The location's own URL. */
  url: string;
  /** Its name; `null` when it has none. */
  name: string | null;
  /** Address line; always `null` here. */
  street1: string | null;
  /** Address line; always `null` here. */
  street2: string | null;
  /** Always `null` here. */
  city: string | null;
  /** Always `null` here. */
  state: string | null;
  /** Always `null` here. */
  zip: string | null;
  /** Always `null` here. */
  country: string | null;
  /** Always `null` here. */
  phone: string | null;
  /** The company. */
  company: ZenefitsWireRef;
  /** Its people (a list ref). */
  people: ZenefitsWireRef;
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
): ZenefitsWireRef {
  return {
    url: id === undefined ? null : `${base(options)}/core/${kind}/${encodeURIComponent(id)}`,
    object: '/meta/ref/detail',
    ref_object: `/core/${kind}`,
  };
}

function listRef(path: string, refObject: string, options: RenderZenefitsOptions): ZenefitsWireRef {
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
export function renderZenefitsPerson(
  employee: Employee,
  options: RenderZenefitsPersonOptions = {},
): ZenefitsWirePerson {
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
): ZenefitsWireEmployment {
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
export function renderZenefitsDepartment(
  unit: OrgUnit,
  options: RenderZenefitsOptions = {},
): ZenefitsWireDepartment {
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
export function renderZenefitsLocation(
  unit: OrgUnit,
  options: RenderZenefitsOptions = {},
): ZenefitsWireLocation {
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
