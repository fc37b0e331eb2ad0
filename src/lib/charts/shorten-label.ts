/**
 * A label cut in the middle to at most `max` characters, keeping its start and its end (where run ids and
 * log names differ), so a row label fits the margin a narrow chart can give it. The full label stays in
 * the mark's title.
 *
 * @param label the full label
 * @param max the most characters to keep (≥ 3)
 * @example
 * shortenLabel("gpt-4o · medqa.test_hard · medprompt-3", 20) // "gpt-4o · m…dprompt-3"
 */
export function shortenLabel(label: string, max: number): string {
  if (label.length <= max + 1e-9) return label;
  // A width in pixels over 5.8 px a character can land a hair under a whole number: 12.999… is 13.
  const keep = Math.max(2, Math.floor(max + 1e-9)) - 1;
  const head = Math.ceil(keep / 2);
  return `${label.slice(0, head)}…${label.slice(label.length - (keep - head))}`;
}
