/** Public API of the deadline planner (issue #3). Other commands build on these names; keep them stable. */
export { planDeadlines, dueSoonDays } from './plan.js';
export { deadlineRules } from './rules.js';
export { listRegions, loadRegion, regionIds, resolveRegionId, regionSchema, steps } from './regions.js';
export type { Region, RegionPeriod, Step } from './regions.js';
export { officialCalendar, makeWorkCalendar } from './calendar.js';
export type { WorkCalendar, DayInfo, HolidayData } from './calendar.js';
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
  PlanWarning,
  PlanWarningOf,
  RuleId,
  RuleParam,
  WarningFacts,
  WarningId,
  Where,
} from './types.js';
