/**
 * The deadlines flow: the birth date and the page's region in, the plan's milestones out as a
 * timeline (GET /api/plan), with the same plan as an .ics file to download.
 */
import { apiUrl, dated, getJson, pageToday } from './api.js';
import { busyLine, errorBox, h } from './dom.js';
import { say } from './words.js';

/** When a milestone falls: its day, or the window it spans. */
export function when(milestone) {
  const words = say().plan;
  return h('time', { datetime: milestone.date }, milestone.start ? words.between(milestone.start, milestone.end) : milestone.date);
}

function milestoneItem(milestone) {
  const words = say().plan;
  const badge = words.status[milestone.status];
  return h(
    'li',
    { class: `milestone ${milestone.status}`, 'data-milestone': milestone.id },
    h('p', { class: 'when' }, when(milestone), h('span', { class: 'left' }, words.daysLeft(milestone.daysLeft)), badge && h('span', { class: 'badge' }, badge), milestone.estimate && h('span', { class: 'badge' }, words.estimate)),
    h('h4', {}, milestone.title),
    h('p', {}, milestone.action),
    milestone.where && h('p', { class: 'where' }, h('strong', {}, words.where), milestone.where),
  );
}

/** The plan's warnings (provisional rules, missing calendars…): the API words them. */
export function notes(warnings) {
  return warnings.length === 0 ? undefined : h('div', { class: 'notes' }, h('h4', {}, say().plan.notes), h('ul', {}, warnings.map((warning) => h('li', {}, warning.message))));
}

export function setupPlan({ region }) {
  const form = document.getElementById('plan-form');
  const birth = document.getElementById('plan-birth');
  const applied = document.getElementById('plan-applied');
  const result = document.getElementById('plan-result');
  birth.max = pageToday();
  let shown = false;

  async function show() {
    const words = say().plan;
    if (!birth.value) {
      result.replaceChildren(errorBox({ message: say().errors.noDate }));
      birth.focus();
      return;
    }
    const params = dated({ newborn: birth.value, region: region().id, applied: applied.value || undefined });
    result.replaceChildren(busyLine(words.busy));
    try {
      const plan = await getJson('/api/plan', params);
      shown = true;
      const parts = [
        h('h3', {}, words.result),
        notes(plan.warnings),
        h('ol', { class: 'timeline' }, plan.milestones.map(milestoneItem)),
        h('p', { class: 'ics' }, h('a', { class: 'button', href: apiUrl('/api/plan', { ...params, format: 'ics' }), download: '' }, words.ics), h('span', { class: 'hint' }, words.icsHint)),
      ];
      result.replaceChildren(...parts.filter(Boolean));
    } catch (error) {
      result.replaceChildren(errorBox(error));
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    show();
  });
  // The checklist asks for the same date: typed once, it is there too, unless typed there otherwise.
  // A date field changes as each part is typed (0002, 0020, 0202, 2026), so it follows every change.
  const other = document.getElementById('checklist-birth');
  let copied = '';
  birth.addEventListener('change', () => {
    if (other.value !== '' && other.value !== copied) return;
    other.value = copied = birth.value;
    other.dispatchEvent(new Event('change', { bubbles: true }));
  });
  const again = () => shown && show();
  return { langChanged: again, regionChanged: again };
}
