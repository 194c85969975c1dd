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
import { customName, encodeName, rewriteVector, sections } from './wasm-binary.mjs';

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

const out = [wasm.subarray(0, 8)];
let renamed = 0;
try {
  for (const section of sections(wasm)) {
    if (section.id === 0 && customName(wasm, section) !== 'name') continue;
    if (section.id !== 2) {
      out.push(section.bytes);
      continue;
    }
    out.push(
      rewriteVector(wasm, section, (r) => {
        const { module, field, desc } = r.importEntry();
        const own = module === OWN;
        renamed += own ? 1 : 0;
        return [encodeName(rename(moduleNames, module)), encodeName(own ? rename(fieldNames, field) : field), desc];
      }),
    );
  }
} catch (error) {
  fail(error.message);
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

writeFileSync(wasmPath, Buffer.concat(out));
writeFileSync(gluePath, glue);
