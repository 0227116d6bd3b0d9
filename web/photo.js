/**
 * The photo flow: one card per photo with the annotated picture beside the list of problems
 * (POST /api/annotate and /api/check), and a fix button that shows before and after and offers the
 * fixed JPEG (POST /api/fix), or says honestly why the photo cannot be fixed.
 */
import { apiUrl, call, dated, getJson, photoInit } from './api.js';
import { busyLine, errorBox, h } from './dom.js';
import { page, say } from './words.js';

/** Each check's title by id, from GET /api/rules, once per language; without it the id shows. */
const titles = new Map();
function titlesIn(lang) {
  if (!titles.has(lang)) {
    const loading = getJson('/api/rules')
      .then((rules) => new Map(rules.photoChecks.map((check) => [check.id, check.title])))
      .catch(() => new Map());
    titles.set(lang, loading);
  }
  return titles.get(lang);
}

const baseName = (file) => file.name.replace(/\.[^.]+$/, '');

function jpegBlob(base64) {
  return new Blob([Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))], { type: 'image/jpeg' });
}

let cardCount = 0;

function newCard(file) {
  cardCount += 1;
  return { id: `photo-${cardCount}`, file, node: h('article', { class: 'card' }), urls: [], removed: false, fixed: false };
}

/** An object URL the card owns; freed when the card is drawn again or removed. */
function urlFor(card, blob) {
  const url = URL.createObjectURL(blob);
  card.urls.push(url);
  return url;
}

function freeUrls(card) {
  for (const url of card.urls) URL.revokeObjectURL(url);
  card.urls = [];
}

/**
 * One check as a line: its title, what was found, and what to do. A problem the fix button
 * handles says so; otherwise the API's hint, which says how to mend it by hand.
 */
function checkItem(check, titles, fixing) {
  const words = say().photo;
  const todo = check.fixable && fixing ? h('span', { class: 'tag' }, words.fixableTag) : check.hint && h('span', { class: 'hint' }, check.hint);
  return h('li', { class: `check ${check.status}`, 'data-check': check.id }, h('strong', {}, titles.get(check.id) ?? check.id), h('span', {}, check.message), todo);
}

const checkList = (checks, titles, fixing) => h('ul', { class: 'checks' }, checks.map((check) => checkItem(check, titles, fixing)));

/**
 * What the check found, worst first. The fix button is offered when it can help: some problem is
 * fixable and none needs a new photo (closed eyes, a cut-off head), since then only retaking helps.
 */
function findings(result, titles) {
  const words = say().photo;
  const of = (status) => result.checks.filter((check) => check.status === status);
  const [failed, warned, skipped, passed] = ['fail', 'warn', 'skip', 'pass'].map(of);
  const fixing = failed.every((check) => check.fixable) && [...failed, ...warned].some((check) => check.fixable);
  const verdict = result.ok ? words.passed : words.failed(failed.length);
  return {
    fixing,
    nodes: [
      h('p', { class: `verdict ${result.ok ? 'ok' : 'bad'}` }, verdict, warned.length > 0 && h('span', { class: 'also' }, words.warned(warned.length))),
      failed.length > 0 && [h('h4', {}, words.problems), checkList(failed, titles, fixing)],
      warned.length > 0 && [h('h4', {}, words.confirm), checkList(warned, titles, fixing)],
      skipped.length > 0 && h('details', {}, h('summary', {}, words.skippedList(skipped.length)), checkList(skipped, titles, fixing)),
      passed.length > 0 && h('details', {}, h('summary', {}, words.passedList(passed.length)), checkList(passed, titles, fixing)),
    ],
  };
}

/** The original photo, or when the browser cannot show it (HEIC in most), the annotated one. */
function beforePicture(card, fallbackUrl) {
  const words = say().photo;
  const img = h('img', { src: urlFor(card, card.file), alt: words.originalAlt(card.file.name) });
  if (fallbackUrl) img.addEventListener('error', () => img.setAttribute('src', fallbackUrl), { once: true });
  return h('figure', {}, img, h('figcaption', {}, words.before));
}

function fixOutcome(card, fix, annotatedUrl, titles) {
  const words = say().photo;
  if (fix.refused) return [h('div', { class: 'error', role: 'alert' }, h('p', {}, words.refused(fix.refused.message)), fix.refused.hint && h('p', { class: 'hint' }, fix.refused.hint))];
  if (fix.error) return [errorBox(fix.error)];
  const url = urlFor(card, jpegBlob(fix.jpeg));
  const stillFailing = (fix.report?.checks ?? []).filter((check) => check.status === 'fail');
  // A fixed photo can pass and still ask for a look (teeth showing, ears covered): said, as for the original.
  const stillWarned = (fix.report?.checks ?? []).filter((check) => check.status === 'warn');
  return [
    h('div', { class: 'compare' }, beforePicture(card, annotatedUrl), h('figure', {}, h('img', { src: url, alt: words.afterAlt(card.file.name) }), h('figcaption', {}, words.after))),
    h('p', { class: `verdict ${fix.ok ? 'ok' : 'bad'}` }, fix.ok ? words.fixedOk : words.fixedNotOk),
    !fix.ok && checkList(stillFailing, titles, false),
    ...(stillWarned.length > 0 ? [h('h4', {}, words.confirm), checkList(stillWarned, titles, false)] : []),
    h('a', { class: `button ${fix.ok ? 'primary' : ''}`, href: url, download: words.fixedName(baseName(card.file)) }, fix.ok ? words.download : words.downloadAnyway),
    h('details', {}, h('summary', {}, words.changes), h('ul', {}, fix.changes.map((change) => h('li', {}, change.message)))),
  ];
}

export function setupPhoto({ photoSpec }) {
  const input = document.getElementById('photo-input');
  const drop = document.getElementById('drop');
  const list = document.getElementById('photo-cards');
  const cards = [];
  let spec;
  // One photo at a time: the server's photo slots are shared with everyone using it. A bug in one
  // card is reported (to the console) and the queue goes on with the next.
  let line = Promise.resolve();
  const enqueue = (task) => {
    line = line.then(task).catch(reportError);
  };

  function draw(card, busy, ...content) {
    const words = say().photo;
    const remove = h('button', { type: 'button', class: 'quiet', 'aria-label': words.removeLabel(card.file.name) }, words.remove);
    remove.addEventListener('click', () => {
      card.removed = true;
      freeUrls(card);
      card.node.remove();
      cards.splice(cards.indexOf(card), 1);
    });
    card.node.setAttribute('aria-labelledby', `${card.id}-name`);
    card.node.setAttribute('aria-busy', String(busy));
    card.node.replaceChildren(h('header', { class: 'card-head' }, h('h3', { id: `${card.id}-name` }, card.file.name), remove), h('div', { class: 'card-body' }, ...content));
  }

  async function check(card) {
    if (card.removed) return;
    const words = say().photo;
    const lang = page.lang;
    freeUrls(card);
    const busy = busyLine(words.checking);
    draw(card, true, busy);
    const say429 = (text) => busy.replaceChildren(text);
    const [report, picture] = await Promise.allSettled([
      call(apiUrl('/api/check', dated({ spec, name: card.file.name })), photoInit(card.file), say429).then((response) => response.json()),
      call(apiUrl('/api/annotate', dated({ spec })), photoInit(card.file, 'image/png'), say429).then((response) => response.blob()),
    ]);
    const titles = await titlesIn(lang);
    if (card.removed) return;
    if (report.status === 'rejected') return draw(card, false, errorBox(report.reason));
    const annotatedUrl = picture.status === 'fulfilled' ? urlFor(card, picture.value) : undefined;
    const result = report.value.results[0];
    const found = findings(result, titles);
    const fixArea = h('div', { class: 'fix', 'aria-live': 'polite', tabindex: '-1' });
    const offer = found.fixing ? h('div', { class: 'offer' }, h('p', {}, words.canFix), h('button', { type: 'button', class: 'primary' }, words.fix)) : undefined;
    offer?.querySelector('button').addEventListener('click', () => fix(card, offer, fixArea, annotatedUrl, titles));
    const annotated = annotatedUrl && h('figure', { class: 'annotated' }, h('img', { src: annotatedUrl, alt: words.annotatedAlt(card.file.name) }), h('figcaption', {}, words.annotatedCaption));
    const advice = offer ?? (!result.ok && h('p', { class: 'advice' }, words.retake));
    // The way out (fix, or retake) right under the verdict: on a phone the list below is long.
    const [verdict, ...details] = found.nodes;
    draw(card, false, h('div', { class: annotated ? 'card-columns' : '' }, annotated, h('div', { class: 'findings' }, verdict, advice, details)), fixArea);
    if (card.fixed && offer) await fix(card, offer, fixArea, annotatedUrl, titles);
  }

  /** Fix the photo: the offer gives way to the result, or stays to try again when the request failed. */
  async function fix(card, offer, area, annotatedUrl, titles) {
    const words = say().photo;
    const button = offer.querySelector('button');
    // Read before the button is disabled, which takes the focus away from it.
    const focused = offer.contains(document.activeElement);
    button.disabled = true;
    button.textContent = words.fixing;
    card.node.setAttribute('aria-busy', 'true');
    const busy = busyLine(words.fixing);
    area.replaceChildren(busy);
    try {
      const response = await call(apiUrl('/api/fix', dated({ spec, name: card.file.name })), photoInit(card.file), (text) => busy.replaceChildren(text));
      const outcome = await response.json();
      card.fixed = true;
      offer.hidden = true;
      area.replaceChildren(...fixOutcome(card, outcome, annotatedUrl, titles).filter(Boolean));
      // The button is gone: keyboard focus goes on to what replaced it.
      if (focused) (area.querySelector('a[download]') ?? area).focus();
    } catch (error) {
      area.replaceChildren(errorBox(error));
    } finally {
      button.disabled = false;
      button.textContent = words.fix;
      card.node.setAttribute('aria-busy', 'false');
    }
  }

  function add(files) {
    for (const file of files) {
      const card = newCard(file);
      cards.push(card);
      list.append(card.node);
      enqueue(() => check(card));
    }
  }

  // Chromium opens the file picker on Space only; the picker looks like a button, so Enter opens it too.
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    input.showPicker();
  });
  input.addEventListener('change', () => {
    add([...input.files]);
    // The same photo picked again (after retaking it under the same name) is a new change.
    input.value = '';
  });
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    add([...event.dataTransfer.files]);
  });
  // A photo dropped beside the zone would otherwise replace the page with the picture.
  for (const type of ['dragover', 'drop']) window.addEventListener(type, (event) => event.preventDefault());

  const recheckAll = () => cards.forEach((card) => enqueue(() => check(card)));
  return {
    langChanged: recheckAll,
    regionChanged: () => {
      const chosen = photoSpec();
      if (chosen === spec) return;
      spec = chosen;
      recheckAll();
    },
  };
}
