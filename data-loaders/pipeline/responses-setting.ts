import type {ResponsesSetting} from "../../src/contracts/run-files.js";

/**
 * `MEDSCALE_RESPONSES`: how much raw response text the site ships. `all` (the default) stores every
 * response; `none` leaves them out; a positive integer cuts each response to that many characters. For a
 * very large root (say 100M lines of real-length responses) the raw text is what would not fit on a
 * static host: votes, metrics and fits do not depend on it, and run pages say what was left out.
 *
 * @example
 * parseResponsesSetting(undefined) // "all"
 * parseResponsesSetting("2000")    // {max_chars: 2000}
 * parseResponsesSetting("none")    // "none"
 */
export function parseResponsesSetting(value: string | undefined): ResponsesSetting {
  const text = value?.trim().toLowerCase() ?? "";
  if (text === "" || text === "all") return "all";
  if (text === "none") return "none";
  if (/^\d+$/.test(text) && Number(text) > 0 && Number.isSafeInteger(Number(text)))
    return {max_chars: Number(text)};
  throw new Error(
    `MEDSCALE_RESPONSES must be "all", "none" or a positive number of characters per response (got "${value}")`
  );
}

/** The setting as a user would write it, e.g. `MEDSCALE_RESPONSES=2000`. */
export function describeResponsesSetting(setting: ResponsesSetting): string {
  return `MEDSCALE_RESPONSES=${typeof setting === "string" ? setting : setting.max_chars}`;
}
