// Checks that an app's capability folders (apps/<app>/src/<folder>/) import each other without
// cycles, so each can be read, tested and changed on its own. A file in src/a/ importing src/b/
// is an edge a → b; a cycle is a strongly connected component of two or more folders. Files
// directly in src/ (app.module.ts, main.ts, *.providers.ts) are the composition root: they may
// import anything, and an import of them from a folder is reported, since the root imports that
// folder back. Specs and test helpers (src/testing/, where every app keeps them) are left out.
//
// Cycles not yet broken are listed in capability-cycles.allowed.ts: a cycle not listed there
// fails, and so does a listed one that no longer exists, so the list only shrinks.
//
//   node -r @swc-node/register test/ops/capability-cycles.ts <app>...   (default: every app)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';
import { ALLOWED_CYCLES } from './capability-cycles.allowed';

const ROOT = resolve(__dirname, '../..');
const COMPOSITION_ROOT = '(src)';

/** One import of a file in another capability folder. */
export interface ImportSite {
  from: string;
  to: string;
  file: string;
  line: number;
  typeOnly: boolean;
}

/** A cycle: its folders (sorted) and the imports between them. */
export interface Cycle {
  folders: string[];
  imports: ImportSite[];
}

function isExcluded(pathInSrc: string): boolean {
  return /\.(spec|int-spec)\.ts$/.test(pathInSrc) || pathInSrc.startsWith(`testing${sep}`);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The capability folder a path under src/ belongs to, or the composition root. */
function folderOf(src: string, file: string): string {
  const parts = relative(src, file).split(sep);
  return parts.length > 1 ? parts[0] : COMPOSITION_ROOT;
}

function resolveRelative(fromFile: string, specifier: string): string | undefined {
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [base, `${base}.ts`, join(base, 'index.ts'), `${base}.json`];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return !clause.name && !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return !!clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
}

/** Every module a file names: imports, re-exports, `import x = require()`, `require()` and `import()`. */
export function importsOf(fileName: string, text: string): Array<{ specifier: string; line: number; typeOnly: boolean }> {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: Array<{ specifier: string; line: number; typeOnly: boolean }> = [];
  const add = (literal: ts.Expression | undefined, typeOnly: boolean) => {
    if (literal && ts.isStringLiteralLike(literal)) {
      found.push({ specifier: literal.text, line: source.getLineAndCharacterOfPosition(literal.getStart()).line + 1, typeOnly });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, isTypeOnlyImport(node));
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, isTypeOnlyExport(node));
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node.moduleReference.expression, node.isTypeOnly);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal, true);
    else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      add(node.arguments[0], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Imports between different capability folders of one app (and from a folder into the composition root). */
export function crossFolderImports(app: string): ImportSite[] {
  const src = join(ROOT, 'apps', app, 'src');
  const sites: ImportSite[] = [];
  for (const file of sourceFiles(src)) {
    const inSrc = relative(src, file);
    if (isExcluded(inSrc)) continue;
    const from = folderOf(src, file);
    if (from === COMPOSITION_ROOT) continue;
    for (const imp of importsOf(file, readFileSync(file, 'utf8'))) {
      if (!imp.specifier.startsWith('.')) continue;
      const target = resolveRelative(file, imp.specifier);
      if (!target || relative(src, target).startsWith('..')) continue;
      const to = folderOf(src, target);
      if (to !== from) sites.push({ from, to, file: relative(ROOT, file), line: imp.line, typeOnly: imp.typeOnly });
    }
  }
  return sites;
}

/** Strongly connected components of two or more nodes (Tarjan). */
export function cyclesOf(sites: ImportSite[]): Cycle[] {
  const edges = new Map<string, Set<string>>();
  for (const s of sites) {
    if (!edges.has(s.from)) edges.set(s.from, new Set());
    if (!edges.has(s.to)) edges.set(s.to, new Set());
    edges.get(s.from)?.add(s.to);
  }
  // The root imports every folder (app.module.ts and friends), so a folder importing it is in a cycle with it.
  if (edges.has(COMPOSITION_ROOT)) for (const node of edges.keys()) if (node !== COMPOSITION_ROOT) edges.get(COMPOSITION_ROOT)?.add(node);

  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const strongConnect = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v) ?? 0);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        strongConnect(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) strongConnect(v);

  return components.map((folders) => ({ folders, imports: sites.filter((s) => folders.includes(s.from) && folders.includes(s.to)) })).sort((a, b) => a.folders.join().localeCompare(b.folders.join()));
}

function describe(cycle: Cycle): string {
  const lines = [`  cycle of ${cycle.folders.length} folders: ${cycle.folders.join(', ')}`];
  const byEdge = new Map<string, ImportSite[]>();
  for (const s of cycle.imports) byEdge.set(`${s.from} → ${s.to}`, [...(byEdge.get(`${s.from} → ${s.to}`) ?? []), s]);
  for (const [edge, sites] of [...byEdge].sort(([a], [b]) => a.localeCompare(b))) {
    const kind = sites.every((s) => s.typeOnly) ? ' (type-only)' : '';
    lines.push(`    ${edge}${kind}`);
    for (const s of sites) lines.push(`      ${s.file}:${s.line}${s.typeOnly ? ' (type-only)' : ''}`);
  }
  if (cycle.folders.includes(COMPOSITION_ROOT)) lines.push(`    ${COMPOSITION_ROOT} is the composition root (files directly in src/), which imports every folder`);
  return lines.join('\n');
}

const key = (folders: string[]) => [...folders].sort().join(', ');

/** Checks one app against its allowed cycles; returns the problems found. */
export function checkApp(app: string, allowed: string[][]): { cycles: Cycle[]; problems: string[] } {
  const cycles = cyclesOf(crossFolderImports(app));
  const allowedKeys = new Set(allowed.map(key));
  const currentKeys = new Set(cycles.map((c) => key(c.folders)));
  const problems: string[] = [];
  for (const cycle of cycles) if (!allowedKeys.has(key(cycle.folders))) problems.push(`${app}: import cycle between capability folders\n${describe(cycle)}`);
  for (const folders of allowed) {
    if (!currentKeys.has(key(folders))) {
      problems.push(`${app}: the allowed cycle [${key(folders)}] no longer exists: take it out of test/ops/capability-cycles.allowed.ts (or list what is left of it)`);
    }
  }
  return { cycles, problems };
}

function main(): void {
  const apps = process.argv.length > 2 ? process.argv.slice(2) : readdirSync(join(ROOT, 'apps')).filter((a) => existsSync(join(ROOT, 'apps', a, 'src')));
  let failed = false;
  for (const app of apps) {
    const { cycles, problems } = checkApp(app, ALLOWED_CYCLES[app] ?? []);
    if (problems.length > 0) {
      failed = true;
      console.error(problems.join('\n'));
    }
    const still = cycles.filter((c) => (ALLOWED_CYCLES[app] ?? []).some((f) => key(f) === key(c.folders)));
    const note = still.length > 0 ? `, ${still.length} allowed cycle(s) still to break: ${still.map((c) => `[${c.folders.join(', ')}]`).join(' ')}` : '';
    console.log(`capability-cycles ${app}: ${problems.length === 0 ? 'ok' : `${problems.length} problem(s)`}${note}`);
  }
  if (failed) process.exit(1);
}

if (require.main === module) main();
