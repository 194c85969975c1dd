#!/usr/bin/env node
// What each crate adds to the gzipped module: for each crate, the module is gzipped again with
// that crate's function bodies emptied (one `unreachable` each), and the bytes it saves are the
// crate's share. twiggy counts bytes before compression, which misleads: a generic function
// compiled once per type is many similar bodies that gzip folds into little, while code that
// exists once keeps most of its size. The shares are estimates (they need not add up to the
// whole: the data segment, imports and tables are nobody's here), good for telling where the
// weight is, not for a budget.
//
//   node scripts/size-by-crate.mjs MODULE.wasm [REGEX]
//
// MODULE.wasm must keep its function names, with v0 symbol names so that generic functions
// name their crate (README, Size, says how to build one). With REGEX, also the share of the
// functions whose names match it.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const [path, pattern] = process.argv.slice(2);
if (!path) {
  console.error('usage: size-by-crate.mjs MODULE.wasm [REGEX]');
  process.exit(2);
}
const wasm = readFileSync(path);

const uleb = (value) => {
  const out = [];
  do {
    let b = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) b |= 0x80;
    out.push(b);
  } while (value > 0);
  return Buffer.from(out);
};
/** Reads an unsigned LEB128 at `at.pos`, moving it on. */
const readUleb = (at) => {
  let value = 0;
  let shift = 0;
  let b;
  do {
    b = wasm[at.pos++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return value;
};
const readName = (at) => {
  const len = readUleb(at);
  const text = wasm.subarray(at.pos, at.pos + len).toString('utf8');
  at.pos += len;
  return text;
};
const skipLimits = (at) => {
  const flags = wasm[at.pos++];
  readUleb(at);
  if (flags & 1) readUleb(at);
};

// The sections, the number of imported functions (they come first in the function index space)
// and the function names.
const sections = [];
const names = new Map();
let importedFunctions = 0;
const at = { pos: 8 };
while (at.pos < wasm.length) {
  const id = wasm[at.pos++];
  const size = readUleb(at);
  const start = at.pos;
  sections.push({ id, start, size });
  if (id === 0 && readName(at) === 'name') {
    while (at.pos < start + size) {
      const sub = wasm[at.pos++];
      const end = readUleb(at) + at.pos;
      if (sub === 1) {
        for (let n = readUleb(at); n > 0; n--) {
          const index = readUleb(at);
          names.set(index, readName(at));
        }
      }
      at.pos = end;
    }
  } else if (id === 2) {
    for (let n = readUleb(at); n > 0; n--) {
      readName(at);
      readName(at);
      const kind = wasm[at.pos++];
      if (kind === 0) {
        readUleb(at);
        importedFunctions += 1;
      } else if (kind === 1) {
        at.pos += 1;
        skipLimits(at);
      } else if (kind === 2) skipLimits(at);
      else at.pos += 2;
    }
  }
  at.pos = start + size;
}
if (names.size === 0) {
  console.error(`size-by-crate: ${path} has no function names (build it with wasm-bindgen --keep-debug)`);
  process.exit(1);
}

/** The crate a (v0-demangled) function name belongs to: its first path segment. */
const crateOf = (name) => name?.match(/^[<&]*(?:dyn )?([a-z_0-9]+)(?:\[[0-9a-f]+\])?::/)?.[1] ?? 'other';

/** The module without its custom sections, with the bodies of the functions `drop` picks emptied. */
function build(drop) {
  const out = [wasm.subarray(0, 8)];
  for (const { id, start, size } of sections) {
    if (id === 0) continue;
    if (id !== 10 || !drop) {
      out.push(Buffer.from([id]), uleb(size), wasm.subarray(start, start + size));
      continue;
    }
    const code = { pos: start };
    const count = readUleb(code);
    const parts = [uleb(count)];
    for (let i = 0; i < count; i++) {
      const bodySize = readUleb(code);
      const body = wasm.subarray(code.pos, code.pos + bodySize);
      code.pos += bodySize;
      const name = names.get(importedFunctions + i);
      // No locals, `unreachable`, `end`.
      parts.push(...(drop(crateOf(name), name ?? '') ? [uleb(3), Buffer.from([0, 0, 0x0b])] : [uleb(bodySize), body]));
    }
    const body = Buffer.concat(parts);
    out.push(Buffer.from([10]), uleb(body.length), body);
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
console.log(`${path}: ${whole} bytes gzipped without custom sections; each crate's share (at least 256 bytes):`);
for (const [crate, share] of shares) console.log(`${crate.padEnd(24)} ${String(share).padStart(7)}`);
if (pattern) {
  const re = new RegExp(pattern);
  console.log(`functions matching /${pattern}/: ${whole - gzipped(build((_, name) => re.test(name)))}`);
}
