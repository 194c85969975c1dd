#!/usr/bin/env node
// `scripts/optimize-wasm.sh` (in `make dist` and the benchmark build), after wasm-bindgen and
// before wasm-opt: takes out of DIR the three stream adapter classes (`IntoUnderlyingSource`,
// `IntoUnderlyingByteSource`, `IntoUnderlyingSink`) that leptos brings in through server_fn and
// wasm-streams. They are `#[wasm_bindgen]` exports, so nothing removes them as dead code, yet
// only server functions use them and this widget has none: their classes leave the glue and
// its TypeScript declarations, and binaryen's wasm-metadce, given as roots the exports the
// remaining glue calls, drops their exports and the code only they reach (about 1.1 KB
// gzipped). Usage: drop-stream-adapters.mjs DIR NAME
import { readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const [dir, name] = process.argv.slice(2);
if (!dir || !name) {
  console.error('usage: drop-stream-adapters.mjs DIR NAME');
  process.exit(2);
}
const METADCE = new URL('../e2e/node_modules/.bin/wasm-metadce', import.meta.url).pathname;

/** `text` without the blocks that start at a line matching `start` and end at the first line
 *  after it matching `end` (both included). */
function dropBlocks(text, start, end) {
  const out = [];
  let inside = false;
  for (const line of text.split('\n')) {
    if (!inside && start.test(line)) inside = true;
    if (!inside) out.push(line);
    else if (end.test(line)) inside = false;
  }
  return out.join('\n');
}

const gluePath = join(dir, `${name}.js`);
let glue = readFileSync(gluePath, 'utf8');
// A class runs to its `Symbol.dispose` line; its finalization registry is a three-line const.
glue = dropBlocks(glue, /^export class IntoUnderlying/, /^if \(Symbol\.dispose\) IntoUnderlying/);
glue = dropBlocks(glue, /^const IntoUnderlying\w*Finalization = /, /;\s*$/);
if (/intounderlying/i.test(glue)) {
  console.error(`drop-stream-adapters: ${gluePath} still names a stream adapter; wasm-bindgen's glue changed shape`);
  process.exit(1);
}
writeFileSync(gluePath, glue);

const typesPath = join(dir, `${name}.d.ts`);
const types = dropBlocks(readFileSync(typesPath, 'utf8'), /^export class IntoUnderlying/, /^}/);
// `InitOutput` lists the module's exports too.
writeFileSync(typesPath, types.split('\n').filter((l) => !/^\s*readonly (__wbg_)?intounderlying/.test(l)).join('\n'));
const rawTypesPath = join(dir, `${name}_bg.wasm.d.ts`);
const rawTypes = readFileSync(rawTypesPath, 'utf8').split('\n');
writeFileSync(rawTypesPath, rawTypes.filter((l) => !/^export const (__wbg_)?intounderlying/.test(l)).join('\n'));
for (const path of [typesPath, rawTypesPath]) {
  if (/intounderlying/i.test(readFileSync(path, 'utf8'))) {
    console.error(`drop-stream-adapters: ${path} still names a stream adapter; wasm-bindgen's output changed shape`);
    process.exit(1);
  }
}

// The roots: every export the glue still calls.
const used = [...new Set([...glue.matchAll(/\bwasm\.([A-Za-z0-9_$]+)/g)].map((m) => m[1]))];
if (used.length < 10) {
  console.error(`drop-stream-adapters: the glue calls only ${used.length} exports; wasm-bindgen's glue changed shape`);
  process.exit(1);
}
const graph = [
  { name: 'glue', root: true, reaches: used.map((e) => `export:${e}`) },
  ...used.map((e) => ({ name: `export:${e}`, export: e })),
];
const graphPath = join(dir, 'metadce-graph.json');
writeFileSync(graphPath, JSON.stringify(graph));
const wasmPath = join(dir, `${name}_bg.wasm`);
try {
  // The features wasm-opt is given in optimize-wasm.sh: no more (with --all-features binaryen writes
  // its imports in an encoding browsers do not read yet).
  const features = ['bulk-memory', 'nontrapping-float-to-int', 'sign-ext', 'mutable-globals', 'reference-types', 'multivalue'];
  const args = [wasmPath, '--graph-file', graphPath, '-o', wasmPath, ...features.map((f) => `--enable-${f}`)];
  execFileSync(METADCE, args, {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
} finally {
  unlinkSync(graphPath);
}
