/**
 * The interview end to end in a real pseudo-terminal: util-linux `script` gives the CLI a TTY
 * (present on Debian/Ubuntu, so on CI); we type into it and read the screen. Skipped, with the
 * reason, where `script` is missing or is the BSD one (macOS), whose options differ.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { regionIds } from '../src/plan/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const entry = path.join(root, 'scripts', 'dev.ts');

const scriptVersion = spawnSync('script', ['--version'], { encoding: 'utf8' });
const hasScript = scriptVersion.status === 0 && /util-linux/.test(scriptVersion.stdout);

const keys = { down: '\u001b[B', enter: '\r', space: ' ', ctrlC: '\u0003' };

/** Strip colours and cursor movements so we can look for the words on the screen. */
function screenText(raw: string): string {
  return raw.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\u001b\][^\u0007]*\u0007/g, '').replace(/\r/g, '');
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Start shebao under a pseudo-terminal; `waitFor` resolves once text appears after what was already seen. */
function inTerminal(args: string[], cwd: string) {
  const command = [tsx, entry, ...args].map(shellQuote).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    cwd,
    // A Chinese locale (no --lang) and no colours; TERM so the prompts can move the cursor.
    env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '', NO_COLOR: '1', FORCE_COLOR: '', TERM: 'xterm', CI: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let raw = '';
  let seen = 0;
  const listeners = new Set<() => void>();
  child.stdout.on('data', (chunk: Buffer) => {
    raw += chunk.toString('utf8');
    for (const listener of listeners) listener();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    raw += chunk.toString('utf8');
  });
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  return {
    screen: () => screenText(raw),
    type: (text: string) => child.stdin.write(text),
    waitFor(text: string): Promise<void> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const index = screenText(raw).indexOf(text, seen);
          if (index < 0) return;
          seen = index + text.length;
          listeners.delete(check);
          clearTimeout(guard);
          resolve();
        };
        // Not a timing assertion: only turns a hang into a failure that shows the screen.
        const guard = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`never saw "${text}" on the screen:\n${screenText(raw).slice(-2000)}`));
        }, 30_000);
        listeners.add(check);
        check();
      });
    },
    async exit(): Promise<number> {
      const code = await exited;
      child.stdin.end();
      return code;
    },
  };
}

describe.skipIf(!hasScript)('the interview in a real terminal (skipped without util-linux `script`, package bsdutils)', () => {
  it('bare shebao starts the interview; Ctrl-C leaves with exit 130 and writes nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'shebao-pty-'));
    const term = inTerminal([], dir);
    await term.waitFor('在哪里参保？');
    term.type(keys.down + keys.enter);
    await term.waitFor('孩子的身份证号');
    term.type(keys.ctrlC);
    expect(await term.exit()).toBe(130);
    expect(term.screen()).toContain('已取消，没有保存任何文件。');
    expect(existsSync(path.join(dir, 'shebao-profile.json'))).toBe(false);
  });

  it('answers every prompt: validation as typed, the ID masked, a 0600 profile and the checklist', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'shebao-pty-'));
    const term = inTerminal(['profile', '--today', '2026-11-22', '--out', 'kid.json'], dir);
    // Regions are listed by id (anhui, beijing, changsha, …), national last: count down to Shanghai.
    await term.waitFor('在哪里参保？');
    term.type(keys.down.repeat(regionIds().filter((id) => id !== 'national').indexOf('shanghai')) + keys.enter);
    await term.waitFor('在哪里参保？ 上海');

    await term.waitFor('孩子的身份证号');
    term.type('310115202405010021' + keys.enter);
    await term.waitFor('校验码对不上');
    term.type('\u007f' + 'x' + keys.enter);
    await term.waitFor('******20240501****');
    await term.waitFor('把身份证号保存到档案文件里吗？');
    term.type(keys.enter); // default: no

    await term.waitFor('孩子的户口在哪里？');
    term.type(keys.down + keys.enter); // non-local
    await term.waitFor('父母一方有上海的居住证吗？');
    term.type(keys.enter); // yes
    await term.waitFor('积分达到 120 分了吗？');
    term.type(keys.enter); // yes
    await term.waitFor('孩子现在是？');
    term.type(keys.enter); // the suggested stage for a 2-year-old: at home
    await term.waitFor('并交了今年的费用吗？');
    term.type(keys.enter); // default: no
    await term.waitFor('由谁去办理？');
    term.type(keys.down + keys.enter); // an agent
    await term.waitFor('有以下情况吗？');
    term.type(keys.space + keys.enter); // low-income
    await term.waitFor('证件照文件路径');
    term.type(keys.enter); // skip
    await term.waitFor('打算怎么申领社保卡？');
    term.type(keys.enter); // online

    await term.waitFor('已保存档案：kid.json');
    expect(await term.exit()).toBe(0);
    const screen = term.screen();
    expect(screen).not.toContain('31011520240501002X');
    expect(screen).toContain('身份证号 ******20240501**** 未保存');
    expect(screen).toContain('社保卡与少儿医保办理清单 · 上海');
    expect(screen).toContain('委托书（监护人签字）');
    expect(screen).toContain('低保证明');

    const file = path.join(dir, 'kid.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      version: 1,
      createdOn: '2026-11-22',
      region: 'shanghai',
      child: { birthDate: '2024-05-01', sex: 'female' },
      hukou: 'non-local',
      residencePermit: true,
      shanghai120Points: true,
      stage: 'preschool',
      paid: false,
      applicant: 'agent',
      special: ['low-income'],
      channel: 'online',
    });
  });
});
