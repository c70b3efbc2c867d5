#!/usr/bin/env node
// Type-checks every ```ts and ```tsx block of README.md and packages/*/README.md against the
// workspace packages' sources (as tsconfig.json's paths map them), so the docs cannot rot; and
// checks that every option of the public options interfaces is named in its README's table.
//
// Each block is its own module. Names a host brings (its user, its Express app, its logger) are
// declared, with real types, in `hostDeclarations` below, so a block can use them unexplained.
// A block that truly cannot compile is marked in its info string with the reason:
//   ```ts skip: continues the block above (uses its `io` and `banter`)
//
// Usage: node scripts/check-readme-code.mjs

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** What the README examples assume the host already has, typed as the host would have it. */
const hostDeclarations = `
declare module '*.css' {}
declare const currentUser: { id: string };
declare const conversationId: string;
declare function render(state: import('@banter/core').ChatState | unknown): void;
declare const getUsers: NonNullable<import('@banter/server-kit').BanterHooks['getUsers']>;
declare const searchUsers: NonNullable<import('@banter/server-kit').BanterHooks['searchUsers']>;
declare const logger: { warn(...args: unknown[]): void; error(...args: unknown[]): void };
declare const httpServer: import('node:http').Server;
declare const app: import('express').Express;
declare const banter: import('@banter/server-kit').Banter;
declare namespace Express {
  interface Request {
    /** Whatever the host's own sign-in put on the request (a session, passport's user…). */
    user?: { id: string };
  }
}
`;

/** Interfaces whose every key must appear, in backticks, in a table row of the given README. */
const optionTables = [
  ['packages/server-kit/src/options.ts', 'BanterOptions', 'packages/server-kit/README.md'],
  ['packages/server-kit/src/options.ts', 'BanterLimits', 'packages/server-kit/README.md'],
  ['packages/server-kit/src/hooks.ts', 'BanterHooks', 'packages/server-kit/README.md'],
  [
    'packages/server-kit/src/auth/jwt.ts',
    'JwtAuthenticatorOptions',
    'packages/server-kit/README.md',
  ],
  [
    'packages/server-kit/src/auth/token-issuer.ts',
    'TokenIssuerOptions',
    'packages/server-kit/README.md',
  ],
  ['packages/core/src/client/options.ts', 'ChatClientOptions', 'packages/core/README.md'],
  [
    'packages/react/src/provider/use-session-client.ts',
    'ChatSessionOptions',
    'packages/react/README.md',
  ],
  ['packages/react/src/provider/ChatProvider.tsx', 'ChatProviderProps', 'packages/react/README.md'],
];

function readmes() {
  const files = ['README.md'];
  for (const entry of readdirSync(join(root, 'packages'), { withFileTypes: true })) {
    const file = join('packages', entry.name, 'README.md');
    if (entry.isDirectory() && existsSync(join(root, file))) files.push(file);
  }
  return files;
}

/** Fenced ts/tsx blocks: { file, line (of the first code line), lang, info, code }. */
function blocksOf(file) {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)\s*(.*)$/.exec(lines[i] ?? '');
    if (!open) continue;
    const [, indent, fence, lang, info] = open;
    const end = lines.findIndex(
      (l, j) => j > i && l.trim().startsWith(fence) && l.trim() === fence,
    );
    if (end === -1) throw new Error(`${file}:${i + 1}: unclosed code fence`);
    if (['ts', 'tsx', 'typescript'].includes(lang)) {
      const code = lines
        .slice(i + 1, end)
        .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l))
        .join('\n');
      blocks.push({ file, line: i + 2, lang: lang === 'tsx' ? 'tsx' : 'ts', info, code });
    }
    i = end;
  }
  return blocks;
}

function compilerOptions() {
  const configPath = join(root, 'tsconfig.json');
  const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configPath);
  // Subpath exports tsconfig.json does not map, resolved to their sources like the rest.
  const paths = {
    ...parsed.options.paths,
    '@banter/react/locales/*': ['./packages/react/src/i18n/locales/*'],
  };
  return {
    ...parsed.options,
    paths,
    noEmit: true,
    noUnusedLocals: false,
    noUnusedParameters: false,
  };
}

/** Reports every problem, then exits non-zero if there was one. */
const problems = [];

function checkBlocks(blocks) {
  const virtual = new Map();
  const declarationsFile = join(root, '.readme-code', 'host.d.ts');
  virtual.set(declarationsFile, hostDeclarations);
  const where = new Map();
  const skipped = [];
  for (const [index, block] of blocks.entries()) {
    const skip = /^skip\b:?\s*(.*)$/.exec(block.info);
    if (skip) {
      if (!skip[1]?.trim()) {
        problems.push(`${block.file}:${block.line - 1}: "skip" needs a reason: \`\`\`ts skip: why`);
      }
      skipped.push(`${block.file}:${block.line - 1} (${skip[1]?.trim()})`);
      continue;
    }
    // Blocks sit beside the README so relative imports would resolve as a reader expects.
    const name = resolve(root, dirname(block.file), `.readme-code-${index}.${block.lang}`);
    // `export {}` makes a block without imports a module too (top-level await, no globals leaking).
    virtual.set(name, `${block.code}\nexport {};\n`);
    where.set(name, block);
  }

  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => virtual.has(resolve(file)) || fileExists.call(host, file);
  host.readFile = (file) => virtual.get(resolve(file)) ?? readFile.call(host, file);
  host.getSourceFile = (file, languageVersion, ...rest) => {
    const text = virtual.get(resolve(file));
    return text === undefined
      ? getSourceFile.call(host, file, languageVersion, ...rest)
      : ts.createSourceFile(file, text, languageVersion, true);
  };
  const program = ts.createProgram([...virtual.keys()], options, host);
  const diagnostics = [...where.keys()].flatMap((name) => {
    const source = program.getSourceFile(name);
    return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
  });
  for (const diagnostic of [...diagnostics, ...program.getGlobalDiagnostics()]) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n  ');
    const block = diagnostic.file && where.get(resolve(diagnostic.file.fileName));
    if (!block || diagnostic.start === undefined) {
      problems.push(`error TS${diagnostic.code}: ${message}`);
      continue;
    }
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    problems.push(
      `${block.file}:${block.line + line}:${character + 1} error TS${diagnostic.code}: ${message}`,
    );
  }
  return { checked: where.size, skipped };
}

/** Property names of an exported interface, read with the compiler (so `extends` is not followed). */
function keysOf(file, interfaceName) {
  const source = ts.createSourceFile(
    file,
    readFileSync(join(root, file), 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const found = source.statements.find(
    (s) => ts.isInterfaceDeclaration(s) && s.name.text === interfaceName,
  );
  if (!found) throw new Error(`${file}: no interface ${interfaceName}`);
  return found.members.filter((m) => m.name && ts.isIdentifier(m.name)).map((m) => m.name.text);
}

function checkOptionTables() {
  for (const [file, interfaceName, readme] of optionTables) {
    const rows = readFileSync(join(root, readme), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('|'));
    const spans = rows.flatMap((row) => [...row.matchAll(/`([^`]+)`/g)].map((m) => m[1]));
    for (const key of keysOf(file, interfaceName)) {
      const named = new RegExp(`(^|[^\\w])${key}([^\\w]|$)`);
      if (!spans.some((span) => named.test(span))) {
        problems.push(`${readme}: no table row names \`${key}\` (${interfaceName} in ${file})`);
      }
    }
  }
}

const blocks = readmes().flatMap(blocksOf);
if (blocks.length === 0) problems.push('no ```ts or ```tsx blocks found in the READMEs');
const { checked, skipped } = checkBlocks(blocks);
checkOptionTables();

for (const problem of problems) console.error(problem);
console.log(
  `README code: ${checked} block(s) type-checked, ${skipped.length} skipped${
    skipped.length ? `:\n  ${skipped.join('\n  ')}` : ''
  }; options tables: ${optionTables.length} interfaces checked`,
);
if (problems.length > 0) {
  console.error(`${problems.length} problem(s) in the README code`);
  process.exit(1);
}
void relative;
