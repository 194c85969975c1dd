// The mock LMS for the benchmark scripts (run.mjs, ab.mjs, picker.mjs): started on a free port,
// serving the repository's files as well, resolved with its URL once it listens.

import { spawn } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
/** Cargo's target directory (`CARGO_TARGET_DIR`, as cargo reads it, else `target/`). */
export const TARGET = resolve(ROOT, process.env.CARGO_TARGET_DIR ?? "target");

/**
 * Starts `target/debug/mock-lms` with `args` (the account's options) on a free port, serving the
 * repository too (`--static`); resolves with `{ url, stop }` once it listens.
 */
export function startMock(args) {
  const mock = spawn(join(TARGET, "debug/mock-lms"), ["--port", "0", ...args, "--static", ROOT], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((done, fail) => {
    let log = "";
    const read = (chunk) => {
      log += chunk;
      const url = log.match(/http:\/\/127\.0\.0\.1:\d+/);
      if (url) done({ url: url[0], stop: () => mock.kill() });
    };
    mock.stdout.on("data", read);
    mock.stderr.on("data", read);
    mock.on("exit", (code) => fail(new Error(`mock-lms exited (${code}): ${log}`)));
  });
}
