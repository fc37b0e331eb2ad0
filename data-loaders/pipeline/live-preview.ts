import {existsSync, type FSWatcher, statSync, watch} from "node:fs";

/*
 * The watch → prepare loop of `npm run dev` (data-loaders/dev.ts): it watches each study's local log root and
 * the code that computes numbers, waits until changes stop arriving, and prepares the site data again — only
 * the studies whose logs changed, or every study when code changed.
 */

/** A study's local log root. */
export interface WatchedRoot {
  study: string;
  dir: string;
}

export interface LivePreviewOptions {
  roots: readonly WatchedRoot[];
  /** Code folders: a change there prepares every study (the code fingerprint enters every run's key). */
  codeDirs: readonly string[];
  /** Prepares the site data again: every study (`null`) or only those listed; resolves true on success. */
  prepare: (only: string[] | null) => Promise<boolean>;
  /** The site's input fingerprint (prepare-site writes it): a prepare that moves it changed what pages show. */
  fingerprint: () => string | null;
  /** After a successful prepare that moved the fingerprint, with the studies it prepared (`null`: all). */
  onUpdated: (only: string[] | null, seconds: number) => void;
  log: (message: string) => void;
  /** How long changes must stop before preparing (ms; an editor or a sweep writes several files at once). */
  quietMs?: number;
}

export interface LivePreview {
  /** Stops watching. */
  close(): void;
  /** Resolves once no change waits and no prepare runs. */
  settled(): Promise<void>;
}

/** Editor swap files, hidden files, temporary folders: never a change to the logs or the code. */
const IGNORED = /(^|\/)\.|\.tmp(\/|$)|~$/;

/**
 * Starts watching (Node's recursive `fs.watch`, Linux and macOS). Changes arriving while a prepare runs are
 * prepared after it, in one more pass.
 *
 * @example
 * const preview = watchAndPrepare({roots: [{study: "m1", dir: "runs/demo/m1"}], codeDirs: ["src/lib"],
 *   prepare: (only) => runPrepareSite(only), fingerprint, onUpdated: touchLoaders, log: console.error});
 */
export function watchAndPrepare(options: LivePreviewOptions): LivePreview {
  const {log, quietMs = 400} = options;
  const pending = {code: false, studies: new Set<string>(), reasons: [] as string[]};
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let waiters: (() => void)[] = [];
  const idle = () => !running && timer === undefined && !pending.code && pending.studies.size === 0;
  const wake = () => {
    if (!idle()) return;
    for (const resolve of waiters) resolve();
    waiters = [];
  };

  async function run(): Promise<void> {
    timer = undefined;
    if (running) return;
    running = true;
    const only = pending.code ? null : [...pending.studies].sort();
    const reasons = pending.reasons.join(", ");
    pending.code = false;
    pending.studies.clear();
    pending.reasons = [];
    const started = Date.now();
    log(`${reasons} changed; preparing ${only ? only.join(", ") : "every study"}`);
    const before = options.fingerprint();
    const ok = await options.prepare(only).catch((error: unknown) => {
      log(`prepare failed: ${(error as Error).message}`);
      return false;
    });
    const seconds = (Date.now() - started) / 1000;
    if (!ok) log("prepare-site failed; the preview keeps the previous data (see the error above)");
    else if (options.fingerprint() !== before) options.onUpdated(only, seconds);
    else log("inputs and code unchanged; nothing to reload");
    running = false;
    if (pending.code || pending.studies.size > 0) void run();
    else wake();
  }

  function changed(what: string, study: string | null): void {
    if (study === null) pending.code = true;
    else pending.studies.add(study);
    if (!pending.reasons.includes(what)) pending.reasons.push(what);
    clearTimeout(timer);
    timer = setTimeout(() => void run(), quietMs);
  }

  function watchTree(dir: string, what: string, study: string | null): FSWatcher | null {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) return null;
    return watch(dir, {recursive: true}, (_event, file) => {
      if (file && IGNORED.test(String(file))) return;
      changed(`${what} (${file ?? dir})`, study);
    });
  }

  const watchers = [
    ...options.roots.map((r) => watchTree(r.dir, `logs of ${r.study}`, r.study)),
    ...options.codeDirs.map((dir) => watchTree(dir, `code under ${dir}`, null))
  ].filter((w): w is FSWatcher => w !== null);
  log(`watching ${options.roots.length} log roots and ${options.codeDirs.join(", ")}`);
  return {
    close() {
      clearTimeout(timer);
      timer = undefined;
      for (const w of watchers) w.close();
    },
    settled() {
      return idle() ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve));
    }
  };
}
