/** Public API of the deadline planner (issue #3). Other commands build on these names; keep them stable. */
export { planDeadlines, requireDate, dueSoonDays } from './plan.js';
export { deadlineRules } from './rules.js';
export { listRegions, loadRegion, regionIds, resolveRegionId, regionSchema, steps } from './regions.js';
export type { Region, RegionPeriod, Step } from './regions.js';
export { officialCalendar, makeWorkCalendar } from './calendar.js';
export type { WorkCalendar, DayInfo, HolidayData } from './calendar.js';
export { periodEnd, deadlineOf, onWorkingDay, addWorkingDays } from './periods.js';
export type { Period, CalendarResult, DeadlineResult } from './periods.js';
export { renderIcs, calendarMilestones } from './ics.js';
export { renderPlanText, renderRegionList } from './render.js';
export type { DeadlineRule, Milestone, MilestoneKind, MilestoneStatus, Plan, PlanInput, PlanWarning } from './types.js';
