// Word lists for generated rosters. Names are common, culturally mixed and made up in combination; no real person
// is described.

// biome-ignore format: a word list reads better packed
export const FIRST_NAMES = [
  'Ada', 'Adam', 'Aisha', 'Alan', 'Alejandro', 'Alice', 'Amara', 'Amir', 'Ana', 'Andrew', 'Anika', 'Arjun', 'Ben',
  'Bianca', 'Carlos', 'Chen', 'Chloe', 'Chris', 'Daniel', 'Dara', 'David', 'Deepa', 'Diego', 'Elena', 'Eli', 'Emma',
  'Erik', 'Fatima', 'Felix', 'Fiona', 'Gabriel', 'Grace', 'Hana', 'Hannah', 'Hugo', 'Ibrahim', 'Ines', 'Isaac', 'Ivy',
  'Jack', 'Jamal', 'James', 'Jana', 'Javier', 'Jin', 'Joao', 'Julia', 'Kai', 'Kenji', 'Kofi', 'Laila', 'Lars',
  'Leah', 'Leo', 'Lina', 'Lucas', 'Lucy', 'Maya', 'Mei', 'Mia', 'Mohammed', 'Nadia', 'Nia', 'Noah', 'Nora', 'Omar',
  'Oscar', 'Priya', 'Rafael', 'Rahul', 'Rosa', 'Ruth', 'Sam', 'Sara', 'Sofia', 'Sven', 'Tariq', 'Tess', 'Theo',
  'Tomas', 'Uma', 'Victor', 'Wei', 'Yara', 'Yusuf', 'Zara', 'Zoe', 'Olga', 'Pavel', 'Quinn', 'Rhea', 'Sean', 'Talia',
  'Ugo', 'Vera', 'Will', 'Xin', 'Yuki', 'Zain', 'Beatriz',
] as const;

// biome-ignore format: a word list reads better packed
export const LAST_NAMES = [
  'Abara', 'Adeyemi', 'Ahmed', 'Alvarez', 'Andersen', 'Bakker', 'Banerjee', 'Becker', 'Bianchi', 'Brooks', 'Campbell',
  'Castro', 'Chen', 'Costa', 'Dahl', 'Das', 'Dubois', 'Eriksson', 'Evans', 'Fernandes', 'Fischer', 'Fujita', 'Garcia',
  'Gomez', 'Gupta', 'Haddad', 'Hansen', 'Hughes', 'Ibrahim', 'Ito', 'Jensen', 'Johnson', 'Kaur', 'Kim', 'Kowalski',
  'Kumar', 'Larsen', 'Lee', 'Lopez', 'Martin', 'Mehta', 'Mendes', 'Meyer', 'Moreau', 'Murphy', 'Nakamura', 'Nguyen',
  'Novak', 'Obi', 'Okafor', 'Olsen', 'Park', 'Patel', 'Pereira', 'Petrov', 'Quinn', 'Rahman', 'Reyes', 'Rossi',
  'Sato', 'Schmidt', 'Shah', 'Silva', 'Singh', 'Smith', 'Sousa', 'Svensson', 'Tanaka', 'Taylor', 'Thomas', 'Torres',
  'Tran', 'Usman', 'Varga', 'Vasquez', 'Wagner', 'Walsh', 'Wang', 'Weber', 'Williams', 'Wilson', 'Wong', 'Yamada',
  'Yilmaz', 'Young', 'Zhang', 'Zielinski', "O'Brien", 'Van der Berg', 'García-Márquez', 'Løvik', 'Nowak', 'Ortiz',
  'Pham', 'Qureshi', 'Ramos', 'Sandoval', 'Teixeira', 'Ueda', 'Volkov',
] as const;

export const PREFERRED_NAMES: Readonly<Record<string, string>> = {
  Alexander: 'Alex',
  Andrew: 'Andy',
  Benjamin: 'Ben',
  Christopher: 'Chris',
  Daniel: 'Dan',
  Elizabeth: 'Liz',
  Gabriel: 'Gabe',
  Isaac: 'Ike',
  James: 'Jim',
  Mohammed: 'Mo',
  Samuel: 'Sam',
  Tomas: 'Tom',
  Victor: 'Vic',
  William: 'Will',
};

/** A department name with the job titles of its people, from individual contributor to head. */
export interface DepartmentTemplate {
  name: string;
  roles: readonly string[];
  manager: string;
}

// biome-ignore format: one department a line
export const DEPARTMENTS: readonly DepartmentTemplate[] = [
  { name: 'Engineering', roles: ['Software Engineer', 'Senior Software Engineer', 'Staff Engineer'], manager: 'Engineering Manager' },
  { name: 'Sales', roles: ['Account Executive', 'Senior Account Executive', 'Sales Development Representative'], manager: 'Sales Manager' },
  { name: 'Marketing', roles: ['Marketing Specialist', 'Content Strategist', 'Product Marketing Manager'], manager: 'Marketing Manager' },
  { name: 'Customer Success', roles: ['Customer Success Manager', 'Implementation Specialist'], manager: 'Customer Success Lead' },
  { name: 'Finance', roles: ['Accountant', 'Financial Analyst', 'Payroll Specialist'], manager: 'Finance Manager' },
  { name: 'People', roles: ['People Partner', 'Recruiter', 'People Operations Specialist'], manager: 'People Manager' },
  { name: 'Operations', roles: ['Operations Analyst', 'Program Manager'], manager: 'Operations Manager' },
  { name: 'Product', roles: ['Product Manager', 'Senior Product Manager'], manager: 'Group Product Manager' },
  { name: 'Design', roles: ['Product Designer', 'Senior Product Designer', 'UX Researcher'], manager: 'Design Manager' },
  { name: 'Legal', roles: ['Counsel', 'Paralegal'], manager: 'General Counsel' },
  { name: 'Data', roles: ['Data Analyst', 'Data Engineer', 'Data Scientist'], manager: 'Data Manager' },
  { name: 'Security', roles: ['Security Engineer', 'Security Analyst'], manager: 'Security Manager' },
  { name: 'Support', roles: ['Support Specialist', 'Senior Support Specialist'], manager: 'Support Manager' },
  { name: 'Research', roles: ['Research Scientist', 'Research Engineer'], manager: 'Research Lead' },
  { name: 'IT', roles: ['IT Specialist', 'Systems Administrator'], manager: 'IT Manager' },
  { name: 'Facilities', roles: ['Facilities Coordinator', 'Office Manager'], manager: 'Facilities Manager' },
];

/** A site with the country its phone numbers use and its time zone. */
export interface LocationTemplate {
  name: string;
  country: 'US' | 'GB';
  timezone: string;
}

export const LOCATIONS: readonly LocationTemplate[] = [
  { name: 'London', country: 'GB', timezone: 'Europe/London' },
  { name: 'New York', country: 'US', timezone: 'America/New_York' },
  { name: 'San Francisco', country: 'US', timezone: 'America/Los_Angeles' },
  { name: 'Manchester', country: 'GB', timezone: 'Europe/London' },
  { name: 'Austin', country: 'US', timezone: 'America/Chicago' },
  { name: 'Edinburgh', country: 'GB', timezone: 'Europe/London' },
  { name: 'Chicago', country: 'US', timezone: 'America/Chicago' },
  { name: 'Bristol', country: 'GB', timezone: 'Europe/London' },
  { name: 'Seattle', country: 'US', timezone: 'America/Los_Angeles' },
  { name: 'Leeds', country: 'GB', timezone: 'Europe/London' },
  { name: 'Denver', country: 'US', timezone: 'America/Denver' },
  { name: 'Boston', country: 'US', timezone: 'America/New_York' },
];

// Numbers reserved for fiction and tests: 555-0100..0199 in North America, Ofcom's drama ranges in the UK.
// biome-ignore format: a number list reads better packed
const US_AREAS = [201, 202, 206, 212, 213, 305, 312, 415, 503, 512, 617, 646, 702, 713, 718, 720, 773, 786, 818, 917];
// biome-ignore format: a list reads better packed
const UK_RANGES = [
  '20 7946 0', '113 496 0', '114 496 0', '115 496 0', '116 496 0', '117 496 0', '118 496 0', '121 496 0', '131 496 0',
  '141 496 0', '151 496 0', '161 496 0', '191 498 0',
];

/** The n-th fictional phone number of a country in E.164, or `undefined` when the pool is used up. */
export function fictionalPhone(country: 'US' | 'GB', n: number): string | undefined {
  if (country === 'US') {
    const area = US_AREAS[Math.floor(n / 100)];
    return area === undefined ? undefined : `+1${area}55501${String(n % 100).padStart(2, '0')}`;
  }
  const range = UK_RANGES[Math.floor(n / 1000)];
  return range === undefined
    ? undefined
    : `+44${range.replaceAll(' ', '')}${String(n % 1000).padStart(3, '0')}`;
}
