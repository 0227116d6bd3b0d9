/**
 * The documentation promises only what exists: every `--flag` the README and docs/ show for a
 * command is an option of that command in the program, every option of every command is shown
 * somewhere, every name a snippet imports from 'shebao' (or from a source module) is exported by
 * it, every relative link lands on a file and heading that exist, and every file of the repository
 * the docs name is there. The README stays a front page.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { makeProgram } from '../src/cli/program.js';
import { fakeContext } from './helpers/context.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const docFiles = ['README.md', ...readdirSync(path.join(root, 'docs')).filter((name) => name.endsWith('.md')).sort().map((name) => `docs/${name}`)];
const docs = docFiles.map((file) => ({ file, text: readFileSync(path.join(root, file), 'utf8') }));

const program = makeProgram(fakeContext());
const globalFlags = ['--lang', '--no-color', '-h', '--help', '-V', '--version'];
const commands = new Map<string, Set<string>>();
for (const command of program.commands) {
  const flags = new Set([...globalFlags, ...command.options.flatMap((option) => [option.long, option.short].filter((flag): flag is string => flag !== undefined))]);
  for (const name of [command.name(), ...command.aliases()]) commands.set(name, flags);
}
/** `shebao` with no command takes the global options only. */
const programFlags = new Set(globalFlags);

/** A flag where a token starts: not the `-fixed` of `<name>-fixed.jpg`, not a negative number. */
const flagPattern = /(?<=^|[\s[(,])--?[a-zA-Z][\w-]*/g;

interface Use {
  /** The command the flags were shown with; undefined: the bare `shebao`. */
  command: string | undefined;
  flags: string[];
  where: string;
}

/**
 * The command a piece of code runs and the flags it passes: `shebao plan --json`,
 * `npx shebao check-photo a.jpg -q`, or a bare command name opening the span (`check-photo --region x`).
 * Null when the code names no shebao command. Pipes, `&&`, `;` and comments end a command.
 */
function parseUse(code: string, where: string): Use | null | { unknown: string; where: string } {
  for (const piece of code.split(/\s(?:\|\||&&|\||;|#)\s|&&|;/)) {
    const named = /(?:^|[\s(`'"])shebao(?=\s|$)\s*(.*)$/.exec(piece);
    const bare = /^\s*([a-z][a-z-]*)(?=\s|$)(.*)$/.exec(piece);
    let command: string | undefined;
    let rest: string;
    if (named) {
      const word = /^([a-z][a-z0-9-]*)(?=\s|$)/.exec(named[1]!)?.[1];
      if (word !== undefined && !commands.has(word) && word !== 'help') return { unknown: word, where };
      command = word === 'help' ? undefined : word;
      rest = word === undefined ? named[1]! : named[1]!.slice(word.length);
    } else if (bare && commands.has(bare[1]!)) {
      command = bare[1];
      rest = bare[2]!;
    } else continue;
    return { command, flags: rest.match(flagPattern) ?? [], where };
  }
  return null;
}

/** GitHub's anchor for a heading: its text without formatting and punctuation, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .replace(/`/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The cells of a table row, split on `|` but not on `\|`, with `\|` read as `|`. */
function cells(row: string): string[] {
  return row.trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

interface Walked {
  uses: Use[];
  unknownCommands: Array<{ unknown: string; where: string }>;
  anchors: Map<string, Set<string>>;
  links: Array<{ file: string; target: string; where: string }>;
  imports: Array<{ from: string; names: string[]; where: string }>;
  /** Paths of the repository named in code (`fixtures/photo/pass.jpg`, `rules/holidays/2026.json`). */
  paths: Array<{ path: string; where: string }>;
}

/** A path into the repository's own folders; globs and placeholders (`rules/regions/*.json`, `<year>`) are not paths. */
const repoPathPattern = /(?<![\w./-])(?:docs|fixtures|schema|rules|scripts|src|models|test|bin|\.ci)\/[^\s`)'",;:]*/g;

function repoPaths(code: string, where: string): Array<{ path: string; where: string }> {
  return (code.match(repoPathPattern) ?? []).map((found) => found.replace(/\.$/, '')).filter((found) => !/[*<{…]/.test(found)).map((found) => ({ path: found, where }));
}

/**
 * One pass over every document. Flags are collected from code blocks and code spans that name a
 * command, from every code span of an option table (a table with an `option` or `flag` column)
 * under a heading that names one command, and from code spans that are only flags in the prose of
 * such a section.
 */
function walk(): Walked {
  const walked: Walked = { uses: [], unknownCommands: [], anchors: new Map(), links: [], imports: [], paths: [] };
  const add = (use: ReturnType<typeof parseUse>): void => {
    if (use === null) return;
    if ('unknown' in use) walked.unknownCommands.push(use);
    else walked.uses.push(use);
  };
  for (const { file, text } of docs) {
    const anchors = new Set<string>();
    const seen = new Map<string, number>();
    walked.anchors.set(file, anchors);
    const headings: Array<{ level: number; command: string | undefined | null }> = [];
    let inFence = false;
    let block: string[] = [];
    let blockStart = 0;
    let optionTable = false;
    const lines = text.split('\n');
    lines.forEach((line, index) => {
      const where = `${file}:${index + 1}`;
      const fenceMark = /^\s*```+(\S*)/.exec(line);
      if (inFence) {
        if (fenceMark && fenceMark[1] === '') {
          const code = block.join('\n');
          for (const match of code.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*'([^']+)'/g)) {
            const names = match[1]!.split(',').map((name) => name.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]!).filter(Boolean);
            const line = blockStart + code.slice(0, match.index).split('\n').length;
            walked.imports.push({ from: match[2]!, names, where: `${file}:${line}` });
          }
          inFence = false;
          block = [];
        } else {
          block.push(line);
          add(parseUse(line, where));
          walked.paths.push(...repoPaths(line, where));
        }
        return;
      }
      if (fenceMark) {
        inFence = true;
        blockStart = index + 1;
        return;
      }
      const heading = /^(#{1,6})\s+(.*)$/.exec(line);
      if (heading) {
        const level = heading[1]!.length;
        const text = heading[2]!;
        let anchor = slug(text);
        const count = seen.get(anchor) ?? 0;
        seen.set(anchor, count + 1);
        if (count > 0) anchor = `${anchor}-${count}`;
        anchors.add(anchor);
        const named = [...text.matchAll(/`shebao ([a-z][a-z-]*)`/g)].map((match) => match[1]!);
        while (headings.length > 0 && headings.at(-1)!.level >= level) headings.pop();
        // A heading naming several commands (the interview's) gives its sections none.
        headings.push({ level, command: named.length === 1 ? named[0] : named.length > 1 ? null : undefined });
        optionTable = false;
        return;
      }
      const section = [...headings].reverse().find((entry) => entry.command !== undefined)?.command ?? undefined;
      const spans = [...line.matchAll(/`([^`]+)`/g)].map((match) => match[1]!.replace(/\\\|/g, '|'));
      for (const span of spans) walked.paths.push(...repoPaths(span, where));
      if (/^\s*\|/.test(line)) {
        const row = cells(line);
        if (row.some((cell) => /^(option|flag)$/.test(cell))) optionTable = true;
        if (optionTable && section !== undefined) {
          for (const span of spans) {
            const use = parseUse(span, where);
            if (use !== null) add(use);
            else walked.uses.push({ command: section, flags: span.match(flagPattern) ?? [], where });
          }
          return;
        }
      } else optionTable = false;
      for (const span of spans) {
        const use = parseUse(span, where);
        if (use !== null) add(use);
        else if (section !== undefined && /^-/.test(span.trim())) walked.uses.push({ command: section, flags: span.match(flagPattern) ?? [], where });
      }
      for (const match of line.replace(/`[^`]*`/g, '').matchAll(/\[[^\]]*\]\(([^)\s]+)\)/g)) {
        const target = match[1]!;
        if (!/^[a-z]+:/.test(target)) walked.links.push({ file, target, where });
      }
    });
  }
  return walked;
}

/**
 * The names a module exports, read from its syntax (fast: no type checking): exported
 * declarations, `export { … }` lists (re-exports included) and, followed, `export * from`.
 */
function exportsOf(file: string): Set<string> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      if (statement.exportClause && ts.isNamedExports(statement.exportClause)) statement.exportClause.elements.forEach((element) => names.add(element.name.text));
      else if (statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
        const target = path.resolve(path.dirname(file), statement.moduleSpecifier.text.replace(/\.js$/, '.ts'));
        exportsOf(target).forEach((name) => names.add(name));
      }
      continue;
    }
    const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isVariableStatement(statement)) {
      statement.declarationList.declarations.forEach((declaration) => ts.isIdentifier(declaration.name) && names.add(declaration.name.text));
    } else if ('name' in statement && statement.name && ts.isIdentifier(statement.name as ts.Node)) names.add((statement.name as ts.Identifier).text);
  }
  return names;
}

const walked = walk();
const shownAt = (use: Use): string => `${use.where}: shebao ${use.command ?? ''}`.trimEnd();

describe('the documentation', () => {
  it('shows only commands and options the program has', () => {
    const unknown = walked.unknownCommands.map(({ unknown, where }) => `${where}: no command shebao ${unknown}`);
    const missing = walked.uses.flatMap((use) => use.flags.filter((flag) => !(use.command === undefined ? programFlags : commands.get(use.command)!).has(flag)).map((flag) => `${shownAt(use)}: no option ${flag}`));
    expect([...unknown, ...missing]).toEqual([]);
    // The walk found the option tables and examples, not nothing.
    for (const command of ['check-photo', 'fix-photo', 'plan', 'profile', 'checklist', 'id', 'rules']) {
      expect(walked.uses.some((use) => use.command === command && use.flags.length > 0), command).toBe(true);
    }
  });

  it('shows every option of every command', () => {
    const shown = new Map<string, Set<string>>();
    for (const use of walked.uses) {
      if (use.command === undefined) continue;
      const name = program.commands.find((command) => command.name() === use.command || command.aliases().includes(use.command!))!.name();
      const flags = shown.get(name) ?? new Set();
      use.flags.forEach((flag) => flags.add(flag));
      shown.set(name, flags);
    }
    const undocumented = program.commands.flatMap((command) => command.options.filter((option) => !shown.get(command.name())?.has(option.long ?? option.short!)).map((option) => `shebao ${command.name()} ${option.flags}`));
    expect(undocumented).toEqual([]);
  });

  it("imports from 'shebao' and from the sources only what those modules export", () => {
    const modules = new Map<string, string>();
    for (const { from, where } of walked.imports) {
      if (from === 'shebao') modules.set(from, path.join(root, 'src/index.ts'));
      else if (from.startsWith('.')) {
        // The snippets of the internals are written from src/ (`./face/index.js`) or the root.
        const candidates = [root, path.join(root, 'src')].map((dir) => path.join(dir, from.replace(/\.js$/, '.ts')));
        const found = candidates.find((candidate) => existsSync(candidate));
        expect(found, `${where}: ${from}`).toBeDefined();
        modules.set(from, found!);
      }
    }
    expect(walked.imports.some((entry) => entry.from === 'shebao')).toBe(true);
    const missing = walked.imports.filter((entry) => modules.has(entry.from)).flatMap(({ from, names, where }) => {
      const exported = exportsOf(modules.get(from)!);
      return names.filter((name) => !exported.has(name)).map((name) => `${where}: ${name} from '${from}'`);
    });
    expect(missing).toEqual([]);
  });

  it('links to files and headings that exist', () => {
    const broken = walked.links.flatMap(({ file, target, where }) => {
      const [pathPart, anchor] = target.split('#') as [string, string | undefined];
      const linked = pathPart === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), pathPart));
      if (!existsSync(path.join(root, linked))) return [`${where}: ${target} (no file ${linked})`];
      if (anchor === undefined) return [];
      const anchors = walked.anchors.get(linked);
      return anchors?.has(decodeURIComponent(anchor)) ? [] : [`${where}: ${target} (no heading #${anchor} in ${linked})`];
    });
    expect(broken).toEqual([]);
  });

  it('names files of the repository that exist', () => {
    expect(walked.paths.length).toBeGreaterThan(50);
    expect(walked.paths.filter((named) => !existsSync(path.join(root, named.path))).map((named) => `${named.where}: ${named.path}`)).toEqual([]);
  });

  it('keeps the README a front page: Chinese first, then English, at most 200 lines', () => {
    const readme = docs[0]!.text;
    expect(readme.split('\n').length).toBeLessThanOrEqual(200);
    const sections = [...readme.matchAll(/^## (.*)$/gm)].map((match) => match[1]);
    expect(sections).toEqual(['中文', 'English']);
    // The commands a newcomer types: the sample photo they check exists.
    expect(readme).toContain('npm ci && npx shebao check-photo fixtures/photo/pass.jpg');
    expect(readme).toContain('npm test');
    expect(existsSync(path.join(root, 'fixtures/photo/pass.jpg'))).toBe(true);
  });
});
