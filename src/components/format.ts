/** Shared number formats for tables and captions. */

/** `x.toFixed(digits)` without the sign of a value that rounds to zero: −0.0004 → "0.00", never "-0.00". */
function toFixedUnsignedZero(x: number, digits: number): string {
  const s = x.toFixed(digits);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** A proportion as a percentage with `digits` decimals (default 1); null → "–"; never "-0.0". */
export function percent(p: number | null | undefined, digits = 1): string {
  return p === null || p === undefined || !Number.isFinite(p) ? "–" : toFixedUnsignedZero(100 * p, digits);
}

/** A number with `digits` decimals; null → "–"; never "-0.00". */
export function fixed(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "–" : toFixedUnsignedZero(x, digits);
}

/** A signed number ("+0.1", "−0.2"); null → "–". */
export function signed(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  const s = Math.abs(x).toFixed(digits);
  return Number(s) === 0 ? s : x > 0 ? `+${s}` : `−${s}`;
}

/** An integer with thousands separators. */
export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? "–" : n.toLocaleString("en-US");
}

/** A link that downloads `rows` as CSV (the data behind a figure or table). */
export function csvDownload(
  rows: readonly object[],
  filename: string,
  label = "Download the data (CSV)"
): HTMLAnchorElement {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = [
    columns.join(","),
    ...rows.map((r) => columns.map((c) => cell((r as Record<string, unknown>)[c])).join(","))
  ].join("\n");
  const a = document.createElement("a");
  a.download = filename;
  a.href = URL.createObjectURL(new Blob([text + "\n"], {type: "text/csv"}));
  a.textContent = label;
  return a;
}
