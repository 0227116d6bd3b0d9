/**
 * h('p', { class: 'note' }, 'text', child): an element with its attributes and children. Text is
 * always set as text, never parsed as HTML: the API's messages may quote a file name.
 */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.flat(Infinity).filter((child) => child !== undefined && child !== null && child !== false && child !== ''));
  return node;
}

/** An error as the person sees it: the API's message and hint (already in the page's language). */
export function errorBox(error) {
  return h('div', { class: 'error', role: 'alert' }, h('p', {}, error.message), error.hint && h('p', { class: 'hint' }, error.hint));
}

/** A busy line with a spinner; screen readers hear it through role=status. */
export function busyLine(text) {
  return h('p', { class: 'busy', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
}
