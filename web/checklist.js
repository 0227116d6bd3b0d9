/**
 * The checklist flow: the profile's questions as a form (the same questions `shebao profile`
 * asks, without the ID number and the photo path, which a page has no use for), sent to
 * POST /api/checklist and shown as a sheet to tick off and print.
 */
import { dated, pageToday, postJson } from './api.js';
import { busyLine, errorBox, h } from './dom.js';
import { notes, when } from './plan.js';
import { page, say } from './words.js';

/** Age in whole years on `today`, both YYYY-MM-DD (as src/profile/profile.ts ageInYears). */
function ageInYears(birthDate, today) {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return Math.max(0, ty - by - (tm > bm || (tm === bm && td >= bd) ? 0 : 1));
}

/** The stage a child of this age is most likely in (as src/profile/profile.ts likelyStage). */
function likelyStage(age) {
  return age < 1 ? 'newborn' : age < 3 ? 'preschool' : age < 6 ? 'kindergarten' : 'school';
}

function item(entry) {
  const words = say().checklist;
  const forms = [entry.original && words.original, entry.copy && words.copy].filter(Boolean).join(words.and);
  return h(
    'li',
    {},
    h('label', {}, h('input', { type: 'checkbox' }), h('span', {}, entry.text)),
    (forms || entry.pages) && h('span', { class: 'detail' }, [forms, entry.pages].filter(Boolean).join(' · ')),
    entry.note && h('span', { class: 'hint' }, entry.note),
  );
}

function part(heading, entries) {
  return entries.length === 0 ? undefined : [h('h5', {}, heading), h('ul', {}, entries)];
}

function step(entry) {
  const words = say().checklist;
  const daysLeft = say().plan.daysLeft;
  return h(
    'li',
    { class: `step${entry.done ? ' done' : ''}`, 'data-step': entry.id },
    h('h4', {}, entry.title, entry.done && ` ${words.done}`),
    part(words.dates, entry.dates.map((date) => h('li', {}, when(date), ` ${date.title} · ${daysLeft(date.daysLeft)}`))),
    part(words.where, entry.where.map((place) => h('li', {}, place))),
    entry.items.length > 0 && [h('h5', {}, words.bring), h('ul', { class: 'bring' }, entry.items.map(item))],
    part(words.tips, entry.tips.map((tip) => h('li', {}, tip.text))),
  );
}

function sheet(list) {
  const words = say().checklist;
  const print = h('button', { type: 'button', class: 'primary' }, words.print);
  print.addEventListener('click', () => window.print());
  return h(
    'article',
    { class: 'sheet', 'aria-labelledby': 'sheet-title' },
    h('div', { class: 'sheet-head' }, h('h3', { id: 'sheet-title' }, words.sheet), print),
    h('p', { class: 'about' }, words.about(list.region.name, list.child.birthDate, list.child.stageName, list.today)),
    notes(list.warnings),
    h('ol', { class: 'steps' }, list.steps.map(step)),
    list.hotlines.length > 0 && h('p', { class: 'hotlines' }, h('strong', {}, words.hotlines), ' ', list.hotlines.map((line) => `${line.number} ${line.name}`).join(' · ')),
  );
}

export function setupChecklist({ region, regionName }) {
  const form = document.getElementById('checklist-form');
  const birth = document.getElementById('checklist-birth');
  const result = document.getElementById('checklist-result');
  const today = pageToday();
  birth.max = today;
  const chosen = (name) => form.elements[name].value;
  let stageChosen = false;
  let shown = false;

  /** Questions asked only when earlier answers call for them, as the interview does. */
  function showWhatApplies() {
    const permit = chosen('hukou') === 'non-local';
    const points = permit && region().id === 'shanghai' && chosen('residencePermit') === 'yes';
    for (const [name, applies] of [['residencePermit', permit], ['shanghai120Points', points]]) {
      const fieldset = form.querySelector(`[data-when="${name}"]`);
      fieldset.hidden = !applies;
      fieldset.disabled = !applies;
    }
    const age = birth.value ? ageInYears(birth.value, today) : 0;
    const newborn = form.querySelector('input[name="stage"][value="newborn"]');
    newborn.disabled = age >= 1;
    if (!stageChosen || (newborn.disabled && newborn.checked)) form.querySelector(`input[name="stage"][value="${likelyStage(age)}"]`).checked = true;
  }

  /** The words that name the region ("户口在上海", the region's apps). */
  function relabel() {
    const words = say().checklist;
    const here = regionName() ?? words.here;
    const apps = (region().apps ?? []).filter((app) => app.steps.includes('apply')).map((app) => app.name[page.lang]);
    const texts = { local: words.local(here), nonLocal: words.nonLocal(here), residencePermit: words.residencePermit(here), online: words.online(apps) };
    for (const node of form.querySelectorAll('[data-say]')) node.textContent = texts[node.dataset.say];
  }

  function profile() {
    const nonLocal = chosen('hukou') === 'non-local';
    const permit = nonLocal && chosen('residencePermit') === 'yes';
    return {
      version: 1,
      createdOn: today,
      region: region().id,
      child: { birthDate: birth.value },
      hukou: chosen('hukou'),
      ...(nonLocal ? { residencePermit: permit } : {}),
      ...(permit && region().id === 'shanghai' ? { shanghai120Points: chosen('shanghai120Points') === 'yes' } : {}),
      stage: chosen('stage'),
      paid: chosen('paid') === 'yes',
      applicant: chosen('applicant'),
      special: [...form.querySelectorAll('input[name="special"]:checked')].map((box) => box.value),
      channel: chosen('channel'),
    };
  }

  async function show() {
    if (!birth.value) {
      result.replaceChildren(errorBox({ message: say().errors.noDate }));
      birth.focus();
      return;
    }
    result.replaceChildren(busyLine(say().checklist.busy));
    try {
      const list = await postJson('/api/checklist', dated({ format: 'json', applied: form.elements.applied.value || undefined }), profile());
      shown = true;
      result.replaceChildren(sheet(list));
    } catch (error) {
      result.replaceChildren(errorBox(error));
    }
  }

  form.addEventListener('change', (event) => {
    if (event.target.name === 'stage') stageChosen = true;
    showWhatApplies();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    show();
  });
  showWhatApplies();

  return {
    langChanged: () => {
      relabel();
      if (shown) show();
    },
    regionChanged: () => {
      relabel();
      showWhatApplies();
      if (shown) show();
    },
  };
}
