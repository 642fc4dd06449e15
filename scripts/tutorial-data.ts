/**
 * The seed tutorial's data, as written there ("Managing postgresql database using SQLAlchemy ORM in
 * Python"): its three companies and three people in the order it inserts them (so tutorial id N is
 * the N-th of each), and its Scenario 1. test/tutorial-data.spec.ts checks this against the tutorial.
 */

/** `Company(name, address, country, date)` of the tutorial's insert script, in order (ids 1, 2, 3). */
export const TUTORIAL_COMPANIES = [
  { name: 'IBM', address: '1 Orchard Rd, Armonk', country: 'USA' },
  { name: 'Apple', address: 'Infinite Loop, Cupertino', country: 'USA' },
  { name: 'Microsoft', address: '1 Microsoft Way Redmond', country: 'USA' },
] as const;

/** `Person(full_name, address, country, date)` of the tutorial's insert script, in order (ids 1, 2, 3). */
export const TUTORIAL_PEOPLE = [
  { fullName: 'Mathiew Pirx', address: '10 Wall Street, New York', country: 'USA' },
  { fullName: 'Kelly Jetson', address: '23 Pennsylvania Avenue, Washington', country: 'USA' },
  // "Memphisn" is the tutorial's own spelling, kept as written.
  { fullName: 'Deniss Kirkman', address: '3 Beale Street, Memphisn', country: 'USA' },
] as const;

/** Scenario 1: "get person with id=2 and company with id=1", then `Employee(1, ...)`: card id 1. */
export const SCENARIO_1 = { personTutorialId: 2, companyTutorialId: 1, cardId: 1 } as const;
