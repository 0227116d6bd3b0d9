import type { ServeErrorDetails } from '../../serve/errors.js';
import { grouped } from '../format.js';
import { sayIssue } from '../schema-issue.js';
import type { ServeWording } from '../serve.js';
import type { ErrorTable } from '../table.js';

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 102.4) / 10} MB`;

export const serve: ServeWording = {
  help: {
    summary: 'start the local page and HTTP API (check and fix photos, deadlines, checklist)',
    description:
      'Start a page on this machine (for parents and photo studios who do not use a terminal) and an HTTP API (for portal backends), with the same results as the command line. Listens on this machine only (127.0.0.1) unless told otherwise; photos are processed in memory, never written to disk and never sent anywhere',
    options: {
      port: 'port (0: any free port)',
      host: 'address to listen on; one beyond this machine (e.g. 0.0.0.0) also needs --allow-remote',
      open: 'open the page in the default browser',
      'allow-remote': 'allow an address beyond this machine: anyone on the network can reach the server',
      'allow-host': 'also answer requests for this host name (a reverse proxy\'s public name); repeatable. Other names are refused, so a web page elsewhere cannot reach the server through DNS tricks',
      concurrency: 'photos worked on at once (a thread each; a thread that has run the face checks holds about 250–380 MB)',
      queue: 'photo requests that may wait; one more is answered 429',
      'max-body': 'largest request body in MB; for a form, the sum of its files',
      'max-pixels': "most pixels a photo may declare (default: check-photo's own limit, 100 MP)",
      timeout: 'time limit per request in seconds; past it the answer is 503',
    },
    after: [
      '',
      'Examples:',
      '  shebao serve --open                              open the page in a browser',
      '  shebao serve --port 9000 --lang en',
      '  shebao serve --host 0.0.0.0 --allow-remote       serve the API in a container or a LAN',
      '  curl -s --data-binary @photo.jpg -H "Content-Type: image/jpeg" http://127.0.0.1:8080/api/check?lang=en',
      '',
      'API reference: http://127.0.0.1:8080/api/openapi.json and docs/serve.md',
      '',
      'Stop with Ctrl-C (requests in flight finish first). Exit codes: 0 stopped · 2 usage error or cannot listen',
    ].join('\n'),
  },
  placeholders: { port: 'port', host: 'address', name: 'name', n: 'n', mb: 'MB', pixels: 'pixels', seconds: 'seconds' },
  listening: (url) => `shebao is running at ${url}\nOpen that address in a browser; press Ctrl-C to stop`,
  remoteWarning: (host) =>
    `warning: listening on ${host}: anyone on the network can reach this server. Photos of children are personal data: do this only on a network you trust, or behind a reverse proxy that authenticates`,
  openFailed: (url) => `could not open a browser; open this address yourself: ${url}`,
  stopping: 'stopping: waiting for requests in flight to finish…',
  web: {
    milestones: {
      'card-application': ({ status, facts }) => {
        if (status === 'done') return undefined;
        return facts.applied === null
          ? 'Check the photo before you apply. Once you have applied, give the application date to see when the card will be ready.'
          : 'Check the photo before you apply.';
      },
    },
    cardDuration: (earliest) => (earliest.count === 0 ? undefined : 'Give the application date for the dates.'),
    items: { 'e-photo': 'check it before you apply' },
  },
};

export const serveErrors: ErrorTable<ServeErrorDetails> = {
  'remote-host-refused': ({ host }) => ({
    message: `${host} is not a loopback address: anyone on the network could reach the server, and the photos are personal data`,
    hint: 'if that is what you want (in a container, say), add --allow-remote; to use it on this machine only, leave out --host',
  }),
  'option-out-of-range': ({ option, value, min, max }) => ({ message: `${option} "${value}" should be a whole number from ${grouped(min)} to ${grouped(max)}` }),
  'listen-failed': ({ host, port, reason }) => ({
    message: `cannot listen on ${host}:${port} (${reason})`,
    hint:
      reason === 'EADDRINUSE'
        ? `port ${port} is taken: choose another (--port 9000), or --port 0 for any free port`
        : reason === 'EACCES'
          ? 'not allowed to use that port (ports below 1024 need administrator rights): choose one above 1024'
          : 'check --host: it should be an address of this machine',
  }),
  'body-too-large': ({ maxBytes }) => ({ message: `the request is too large: the limit is ${mb(maxBytes)}`, hint: 'send fewer photos at once, or make them smaller' }),
  'too-many-files': ({ maxFiles }) => ({ message: `at most ${maxFiles} photos per request`, hint: 'send them in several requests' }),
  'too-many-pixels': ({ width, height, maxPixels }) => ({
    message: `the photo declares ${width}×${height} pixels (${Math.round((width * height) / 1e6)} MP), more than the server's limit of ${Math.round(maxPixels / 1e5) / 10} MP; not decoded`,
    hint: "use the phone camera's normal mode, or make the photo smaller",
  }),
  'unsupported-media-type': ({ contentType, accepted }) => ({
    message: `this route does not take ${contentType || 'a body without a Content-Type'}`,
    hint: `send one of: ${accepted.join(', ')}`,
  }),
  'queue-full': ({ retryAfter }) => ({ message: 'the server is busy: every photo slot is taken and the queue is full', hint: `try again in ${retryAfter} s` }),
  timeout: ({ seconds }) => ({ message: `the request took longer than ${seconds} s and was stopped`, hint: 'the photo is very large or the server is busy: try again later, or make the photo smaller' }),
  'host-not-allowed': ({ host }) => ({
    message: `this server does not answer requests for ${host ? `the host "${host}"` : 'a request without a Host header'}`,
    hint: 'open the page at the address shebao serve printed (http://127.0.0.1:8080/ by default); behind a reverse proxy, start the server with --allow-host and the name the proxy is reached by',
  }),
  'not-found': ({ method, path }) => ({ message: `no such route: ${method} ${path}`, hint: 'the routes are listed in /api/openapi.json' }),
  'bad-query': ({ parameter, allowed, format }) => ({
    message: `the query parameter ${parameter} is missing or its value is not accepted`,
    hint: allowed ? `accepted values: ${allowed.join(', ')}` : format ? `form: ${format}` : 'see /api/openapi.json',
  }),
  'invalid-json': () => ({ message: 'the body is not valid JSON', hint: 'send a profile as saved by shebao profile' }),
  'bad-body': ({ problems }) => ({
    message: `the profile is not valid:\n${problems.map((p) => `  ${p.field}: ${sayIssue(p.issue, 'en')}`).join('\n')}`,
    hint: 'the profile has the shape of the file shebao profile saves; see /api/openapi.json',
  }),
  'no-photo': () => ({ message: 'the request holds no photo', hint: 'send the photo as the body (Content-Type: image/jpeg), or upload files as multipart/form-data' }),
  'bad-request': () => ({ message: 'the request could not be read', hint: 'check that the form or JSON is complete and well formed' }),
  'internal-error': () => ({ message: 'internal server error', hint: 'this is a bug in shebao: please report what you did and what the photo is like' }),
};
