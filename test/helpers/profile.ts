import type { Profile } from '../../src/profile/index.js';

/** A saved profile: a local newborn, not yet paid, national rules, applied online by a guardian; `overrides` on top. */
export function sampleProfile(overrides: Partial<Profile> = {}, createdOn = '2026-11-22'): Profile {
  return {
    version: 1,
    createdOn,
    region: 'national',
    child: { birthDate: '2026-10-10' },
    hukou: 'local',
    stage: 'newborn',
    paid: false,
    applicant: 'guardian',
    special: [],
    channel: 'online',
    ...overrides,
  };
}
