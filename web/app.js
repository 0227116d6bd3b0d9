/**
 * The page: the language, the region every flow uses, and the three flows (photo, deadlines,
 * checklist). Switching the language asks the server again for whatever is on screen, so the page
 * never shows two languages.
 */
import { getJson } from './api.js';
import { setupChecklist } from './checklist.js';
import { errorBox } from './dom.js';
import { setupPhoto } from './photo.js';
import { setupPlan } from './plan.js';
import { initialLang, page, say } from './words.js';

const langKey = 'shebao-lang';
const regionKey = 'shebao-region';

/** Private windows may refuse storage; the page then simply forgets. */
const stored = {
  get: (key) => {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set: (key, value) => {
    try {
      localStorage.setItem(key, value);
    } catch {
      // Nothing to remember it in.
    }
  },
};

const lookup = (key) => key.split('.').reduce((node, part) => node?.[part], say());

function relabel() {
  document.documentElement.lang = page.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = say().title;
  for (const node of document.querySelectorAll('[data-t]')) node.textContent = lookup(node.dataset.t);
  for (const node of document.querySelectorAll('[data-t-aria-label]')) node.setAttribute('aria-label', lookup(node.dataset.tAriaLabel));
  const toggle = document.getElementById('lang-toggle');
  // Named in the language it switches to, as language switchers are.
  toggle.textContent = say().langName;
  toggle.lang = say().langCode;
}

/** The regions shebao has rules for (GET /api/regions: `shebao plan --list-regions --json`). */
let regions = [];
const select = document.getElementById('region');

const nameOf = (region) => region.name[page.lang];

function optgroup(label, level) {
  const group = document.createElement('optgroup');
  group.label = label;
  group.append(...regions.filter((region) => region.level === level).map((region) => new Option(nameOf(region), region.id)));
  return group;
}

/** Cities first (their own rules are the most precise), then provinces, then "somewhere else". */
function regionOptions() {
  const chosen = select.value || stored.get(regionKey) || 'national';
  select.replaceChildren(optgroup(say().region.cities, 'city'), optgroup(say().region.provinces, 'province'), new Option(say().region.other, 'national'));
  select.value = regions.some((region) => region.id === chosen) ? chosen : 'national';
}

/** The chosen region's entry, and its photo spec: its own, its province's, or none (the server's default). */
const region = () => regions.find((entry) => entry.id === select.value) ?? { id: 'national', apps: [] };
function photoSpec() {
  const own = region();
  const parent = regions.find((entry) => entry.id === own.parent);
  return own.photo?.spec ?? parent?.photo?.spec;
}

const context = { region, regionName: () => (region().id === 'national' ? undefined : nameOf(region())), photoSpec };
const flows = [setupPhoto(context), setupPlan(context), setupChecklist(context)];

async function loadRegions() {
  try {
    regions = await getJson('/api/regions');
    regionOptions();
    for (const flow of flows) flow.regionChanged();
  } catch (error) {
    document.getElementById('region-error').replaceChildren(errorBox(error));
  }
}

function setLang(lang) {
  page.lang = lang;
  stored.set(langKey, lang);
  relabel();
  if (regions.length > 0) regionOptions();
  for (const flow of flows) flow.langChanged();
}

document.getElementById('lang-toggle').addEventListener('click', () => setLang(page.lang === 'zh' ? 'en' : 'zh'));
select.addEventListener('change', () => {
  stored.set(regionKey, select.value);
  for (const flow of flows) flow.regionChanged();
});

page.lang = initialLang(location.search, stored.get(langKey), navigator.languages ?? [navigator.language]);
relabel();
for (const flow of flows) flow.langChanged();
loadRegions();
