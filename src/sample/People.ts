import type { Random } from './Random.js';

/**
 * The invented engineers who create the sample programme's resources, by role. Their IRIs are
 * relative to the server base (`users/a.harper`); the sample data set does not describe them further.
 */
export const PEOPLE = {
  systems: ['users/a.harper', 'users/n.adeyemi'],
  electronics: ['users/m.okafor', 'users/h.brandt'],
  mechanical: ['users/s.lindqvist', 'users/l.brennan'],
  manufacturing: ['users/t.osei'],
  verification: ['users/r.castellanos', 'users/y.tanaka'],
  quality: ['users/j.whitfield', 'users/d.mensah'],
  certification: ['users/k.nakamura', 'users/e.varga'],
  reliability: ['users/p.duval'],
} as const;

export type Role = keyof typeof PEOPLE;

export function pickPerson(random: Random, role: Role): string {
  return random.pick(PEOPLE[role]);
}

/** Company that publishes both service providers. */
export const PUBLISHER = {
  name: 'Aquila Avionics',
  iri: 'https://aquila-avionics.example/',
} as const;
