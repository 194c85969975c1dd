#!/usr/bin/env node
// `scripts/optimize-wasm.sh` (in `make dist` and the benchmark build), after wasm-bindgen:
// gives the module's imports short names, in the wasm and in its glue alike. wasm-bindgen names
// each import for what it binds plus a hash (`__wbg_querySelector_729c5470ea4b43e8`) under the
// module name `./enrollment_cards_bg.js`: about 12 KB of the wasm, 4 KB gzipped, as the hashes
// do not compress. Renamed (`a`, `b`, ..., `aa`, ...), they are about 1 KB gzipped; emscripten
// does the same to its imports. Only the glue's own import object is renamed: the snippets'
// imports are the names their ES modules export, so they keep their field names (their module
// name, a key of the glue's import object, gets a short one too). The custom sections other
// than the names go too (the target features, wasm-split's marker that leptos links in): only
// tools read them; the names, when a build keeps them, are for the browser's stack traces.
// Fails loudly when the glue's shape is not the one this reads. Usage: minify-imports.mjs DIR NAME
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, name] = process.argv.slice(2);
if (!dir || !name) {
  console.error('usage: minify-imports.mjs DIR NAME');
  process.exit(2);
}
const fail = (why) => {
  console.error(`minify-imports: ${why}`);
  process.exit(1);
};

/** The `n`th short name: `a`..`z`, `A`..`Z`, then two letters and so on (JS identifiers). */
function shortName(n) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let out = '';
  do {
    out = letters[n % letters.length] + out;
    n = Math.floor(n / letters.length) - 1;
  } while (n >= 0);
  return out;
}

/** A reader of the wasm binary format's pieces used here. */
class Reader {
  constructor(bytes, at = 0) {
    this.bytes = bytes;
    this.at = at;
  }
  byte() {
    if (this.at >= this.bytes.length) fail('the module ends inside a section');
    return this.bytes[this.at++];
  }
  uleb() {
    let value = 0;
    let shift = 0;
    let b;
    do {
      b = this.byte();
      value += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    return value;
  }
  name() {
    const len = this.uleb();
    const text = Buffer.from(this.bytes.subarray(this.at, this.at + len)).toString('utf8');
    this.at += len;
    return text;
  }
  limits() {
    const flags = this.byte();
    this.uleb();
    if (flags & 1) this.uleb();
  }
}

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
const encodeName = (text) => {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([uleb(bytes.length), bytes]);
};

const wasmPath = join(dir, `${name}_bg.wasm`);
const wasm = readFileSync(wasmPath);
const gluePath = join(dir, `${name}.js`);
let glue = readFileSync(gluePath, 'utf8');

// The glue's own imports are the keys of the object it declares as `import0`.
const OWN = `./${name}_bg.js`;
const moduleNames = new Map();
const fieldNames = new Map();
const rename = (map, old) => {
  if (!map.has(old)) map.set(old, shortName(map.size));
  return map.get(old);
};

const sections = [];
const r = new Reader(wasm, 8);
let renamed = 0;
while (r.at < wasm.length) {
  const id = r.byte();
  const size = r.uleb();
  const start = r.at;
  const end = start + size;
  if (id === 0 && new Reader(wasm, start).name() !== 'name') {
    r.at = end;
    continue;
  }
  if (id !== 2) {
    sections.push(wasm.subarray(start - 1 - uleb(size).length, end));
    r.at = end;
    continue;
  }
  const count = r.uleb();
  const parts = [uleb(count)];
  for (let i = 0; i < count; i++) {
    const module = r.name();
    const field = r.name();
    const descStart = r.at;
    const kind = r.byte();
    if (kind === 0) r.uleb();
    else if (kind === 1) {
      r.byte();
      r.limits();
    } else if (kind === 2) r.limits();
    else if (kind === 3) {
      r.byte();
      r.byte();
    } else fail(`import ${module}.${field} has kind ${kind}, which this does not read`);
    const newField = module === OWN ? rename(fieldNames, field) : field;
    renamed += module === OWN ? 1 : 0;
    parts.push(encodeName(rename(moduleNames, module)), encodeName(newField), wasm.subarray(descStart, r.at));
  }
  if (r.at !== end) fail('the import section holds more than its imports');
  const body = Buffer.concat(parts);
  sections.push(Buffer.concat([Buffer.from([2]), uleb(body.length), body]));
}
if (renamed < 10) fail(`only ${renamed} imports from ${OWN}; wasm-bindgen's output changed shape`);

// The glue: each own import is a key `    NAME: function(` of import0, named nowhere else.
for (const [old, short] of fieldNames) {
  const uses = glue.split(old).length - 1;
  const key = new RegExp(`^(\\s+)${old}(: function\\b)`, 'm');
  if (uses !== 1 || !key.test(glue)) fail(`the glue names ${old} ${uses} times, not once as an import key`);
  glue = glue.replace(key, `$1${short}$2`);
}
for (const [old, short] of moduleNames) {
  const key = `"${old}": import`;
  if (glue.split(key).length !== 2) fail(`the glue's import object has no single key "${old}"`);
  glue = glue.replace(key, `"${short}": import`);
}

writeFileSync(wasmPath, Buffer.concat([wasm.subarray(0, 8), ...sections]));
writeFileSync(gluePath, glue);
