#!/usr/bin/env node
// What each crate adds to the gzipped module: for each crate, the module is gzipped again with
// that crate's function bodies emptied (one `unreachable` each), and the bytes it saves are the
// crate's share. twiggy counts bytes before compression, which misleads: a generic function
// compiled once per type is many similar bodies that gzip folds into little, while code that
// exists once keeps most of its size. The shares are estimates (they need not add up to the
// whole: the data segment, imports and tables are nobody's here), good for telling where the
// weight is, not for a budget.
//
//   node scripts/size-by-crate.mjs MODULE.wasm [REGEX] [--modules]
//
// MODULE.wasm must keep its function names, with v0 symbol names so that generic functions
// name their crate (README, Size, says how to build one). With REGEX, also the share of the
// functions whose names match it. With --modules, the widget's and the core's functions are
// counted by module (`enrollment_core::parse::related`) instead of as two crates.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { Reader, customName, rewriteVector, sections, uleb } from './wasm-binary.mjs';

const args = process.argv.slice(2);
const byModule = args.includes('--modules');
const [path, pattern] = args.filter((arg) => arg !== '--modules');
if (!path) {
  console.error('usage: size-by-crate.mjs MODULE.wasm [REGEX] [--modules]');
  process.exit(2);
}
const wasm = readFileSync(path);
const all = sections(wasm);

// The function names, and the number of imported functions (they come first in the function
// index space).
const names = new Map();
let importedFunctions = 0;
for (const section of all) {
  if (section.id === 0 && customName(wasm, section) === 'name') {
    const r = new Reader(wasm, section.start);
    r.name();
    while (r.at < section.end) {
      const sub = r.byte();
      const end = r.uleb() + r.at;
      if (sub === 1) {
        for (let n = r.uleb(); n > 0; n--) {
          const index = r.uleb();
          names.set(index, r.name());
        }
      }
      r.at = end;
    }
  } else if (section.id === 2) {
    const r = new Reader(wasm, section.start);
    for (let n = r.uleb(); n > 0; n--) importedFunctions += r.importEntry().kind === 0 ? 1 : 0;
  }
}
if (names.size === 0) {
  console.error(`size-by-crate: ${path} has no function names (build it with wasm-bindgen --keep-debug)`);
  process.exit(1);
}

/**
 * The crate a (v0-demangled) function name belongs to: its first path segment; with --modules,
 * for this project's two crates, the module path as well (up to two levels).
 */
function crateOf(name) {
  const path = name?.match(/^[<&]*(?:dyn )?([a-z_0-9]+)(?:\[[0-9a-f]+\])?((?:::[a-z_0-9]+){0,2})/);
  if (!path) return 'other';
  return byModule && path[1].startsWith('enrollment_c') ? path[1] + path[2] : path[1];
}

/** The module without its custom sections, with the bodies of the functions `drop` picks emptied. */
function build(drop) {
  const out = [wasm.subarray(0, 8)];
  for (const section of all) {
    if (section.id === 0) continue;
    if (section.id !== 10 || !drop) {
      out.push(section.bytes);
      continue;
    }
    out.push(
      rewriteVector(wasm, section, (r, i) => {
        const bodySize = r.uleb();
        const body = wasm.subarray(r.at, r.at + bodySize);
        r.at += bodySize;
        const name = names.get(importedFunctions + i);
        // No locals, `unreachable`, `end`.
        return drop(crateOf(name), name ?? '') ? [uleb(3), Buffer.from([0, 0, 0x0b])] : [uleb(bodySize), body];
      }),
    );
  }
  return Buffer.concat(out);
}
const gzipped = (bytes) => gzipSync(bytes, { level: 9 }).length;

const whole = gzipped(build(null));
const crates = [...new Set([...names.values()].map(crateOf))];
const shares = crates
  .map((crate) => [crate, whole - gzipped(build((c) => c === crate))])
  .filter(([, share]) => share >= 256)
  .sort((a, b) => b[1] - a[1]);
console.log(`${path}: ${whole} bytes gzipped without custom sections; each ${byModule ? 'crate or module' : 'crate'}'s share (at least 256 bytes):`);
for (const [crate, share] of shares) console.log(`${crate.padEnd(24)} ${String(share).padStart(7)}`);
if (pattern) {
  const re = new RegExp(pattern);
  console.log(`functions matching /${pattern}/: ${whole - gzipped(build((_, name) => re.test(name)))}`);
}
