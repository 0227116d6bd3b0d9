/**
 * How much the next payment costs: the individual contribution (个人缴费) of the region's rules
 * `premiums`, taken from the nearest file that has them (the region, its province, then national).
 */
import type { IsoDate } from '../core/dates.js';
import type { Premium } from '../core/rules-loader.js';
import { loadRegionFile } from './regions.js';
import type { Milestone, PlanPremium } from './types.js';

/** The region's premiums and the file they come from: its own, its parent's, or national's. */
function premiumsOf(regionId: string): { from: string; premiums: Premium[] } | null {
  let id: string | undefined = regionId;
  const seen = new Set<string>();
  while (id !== undefined && !seen.has(id)) {
    seen.add(id);
    const file = loadRegionFile(id);
    if (file.premiums !== undefined && file.premiums.length > 0) return { from: id, premiums: file.premiums };
    id = id === 'national' ? undefined : (file.parent ?? 'national');
  }
  return null;
}

/**
 * The cover year paid next: the birth year while the newborn window is open and nothing is paid,
 * else the year the annual window pays for.
 */
function wantedYearOf(milestones: readonly Milestone[], birthDate: IsoDate, today: IsoDate, hasApplied: boolean): number {
  const newborn = milestones.find((m) => m.id === 'newborn-enrollment-deadline');
  if (newborn !== undefined && !hasApplied && newborn.date >= today) return Number(birthDate.slice(0, 4));
  const annual = milestones.find((m) => m.id === 'annual-payment-window');
  return annual?.id === 'annual-payment-window' ? annual.facts.coverYear : Number(today.slice(0, 4)) + 1;
}

/** The figure for the wanted cover year, else the latest earlier one; children's own figure first. */
export function premiumOf(regionId: string, milestones: readonly Milestone[], birthDate: IsoDate, today: IsoDate, hasApplied: boolean): PlanPremium | null {
  const found = premiumsOf(regionId);
  if (found === null) return null;
  const wantedYear = wantedYearOf(milestones, birthDate, today, hasApplied);
  const candidates = found.premiums
    .filter((p) => p.coverYear <= wantedYear)
    .sort((a, b) => b.coverYear - a.coverYear || (a.group === 'minors' ? -1 : 0) - (b.group === 'minors' ? -1 : 0));
  const premium = candidates[0];
  if (premium === undefined) return null;
  return {
    wantedYear,
    coverYear: premium.coverYear,
    yuan: premium.yuan,
    minimum: premium.minimum,
    group: premium.group,
    from: found.from,
    source: premium.source,
    verified: premium.verified,
    provisional: premium.provisional ?? false,
  };
}
