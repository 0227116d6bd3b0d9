/** Public API of the deadline planner (issue #3). Other commands build on these names; keep them stable. */
export { planDeadlines, dueSoonDays } from './plan.js';
export { deadlineRules } from './rules.js';
export { fallbacksOf, listRegions, loadRegion, loadRegionFile, regionFields, regionIds, resolveRegionId, regionSchema, steps } from './regions.js';
export type { Region, RegionField, RegionFile, RegionOrigin, RegionPeriod, Step } from './regions.js';
export { calendarWith, holidayYearSchema, loadHolidayFile, officialCalendar, makeWorkCalendar, shippedHolidayYears } from './calendar.js';
export type { WorkCalendar, DayInfo, HolidayYear } from './calendar.js';
export { periodEnd, deadlineOf, onWorkingDay, addWorkingDays } from './periods.js';
export type { Period, CalendarResult, DeadlineResult } from './periods.js';
export { renderIcs, calendarMilestones } from './ics.js';
export { renderPlanJson, renderPlanText, renderRegionList, sayMilestone, sayWarning } from './render.js';
export type { SaidMilestone } from './render.js';
export type {
  AnyDeadlineRule,
  CardPeriod,
  DeadlineRule,
  LateCover,
  Milestone,
  MilestoneFacts,
  MilestoneKind,
  MilestoneOf,
  MilestoneStatus,
  Moved,
  Plan,
  PlanInput,
  PlanPremium,
  PlanWarning,
  PlanWarningOf,
  RuleId,
  RuleParam,
  WarningFacts,
  WarningId,
  Where,
} from './types.js';
