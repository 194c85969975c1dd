// The pieces of the WebAssembly binary format that `minify-imports.mjs` and `size-by-crate.mjs`
// read and write: LEB128 numbers, names, limits, sections and the import section's entries.

/** `value` as an unsigned LEB128. */
export function uleb(value) {
  const out = [];
  do {
    let b = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) b |= 0x80;
    out.push(b);
  } while (value > 0);
  return Buffer.from(out);
}

/** `text` as a wasm name: its UTF-8 length, then its bytes. */
export function encodeName(text) {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([uleb(bytes.length), bytes]);
}

/** A section with id `id` holding `body`. */
export function encodeSection(id, body) {
  return Buffer.concat([Buffer.from([id]), uleb(body.length), body]);
}

/** Reads a module's bytes from `at` on; throws on a module that ends too early. */
export class Reader {
  constructor(bytes, at = 0) {
    this.bytes = bytes;
    this.at = at;
  }

  byte() {
    if (this.at >= this.bytes.length) throw new Error('the module ends inside a section');
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

  /** One import entry: `{ module, field, kind, desc }`, `desc` its description's bytes. */
  importEntry() {
    const module = this.name();
    const field = this.name();
    const start = this.at;
    const kind = this.byte();
    if (kind === 0) this.uleb();
    else if (kind === 1) {
      this.byte();
      this.limits();
    } else if (kind === 2) this.limits();
    else if (kind === 3) {
      this.byte();
      this.byte();
    } else throw new Error(`import ${module}.${field} has kind ${kind}, which this does not read`);
    return { module, field, kind, desc: this.bytes.subarray(start, this.at) };
  }
}

/** The sections of `wasm`: `{ id, start, end, bytes }` each, `bytes` the whole section. */
export function sections(wasm) {
  const out = [];
  const r = new Reader(wasm, 8);
  while (r.at < wasm.length) {
    const headerStart = r.at;
    const id = r.byte();
    const size = r.uleb();
    const start = r.at;
    r.at = start + size;
    out.push({ id, start, end: r.at, bytes: wasm.subarray(headerStart, r.at) });
  }
  return out;
}

/**
 * Section `section` of `wasm` (a vector: a count, then its entries) written anew: `entry(reader,
 * i)` reads the `i`th entry from `reader` and returns the buffers to write in its place.
 */
export function rewriteVector(wasm, section, entry) {
  const r = new Reader(wasm, section.start);
  const count = r.uleb();
  const parts = [uleb(count)];
  for (let i = 0; i < count; i++) parts.push(...entry(r, i));
  if (r.at !== section.end) throw new Error(`section ${section.id} holds more than its entries`);
  return encodeSection(section.id, Buffer.concat(parts));
}

/** The name of custom section `section`. */
export function customName(wasm, section) {
  return new Reader(wasm, section.start).name();
}
