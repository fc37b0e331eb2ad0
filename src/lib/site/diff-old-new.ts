import {formatDiffValue} from "./format-diff-value.js";
import type {DiffChange} from "./output-diff.js";

/**
 * The old and the new side of one change of `medscale diff`, as text: "absent"/"present" for a row only one
 * side has, "agrees"/"flagged" for a verdict's flag, else the two values ({@link formatDiffValue}).
 *
 * @example
 * diffOldNew({status: "changed", kind: "run", field: "accuracy", old: 0.5, new: 0.75, …}) // ["0.5", "0.75"]
 */
export function diffOldNew(
  c: Pick<DiffChange, "status" | "kind" | "field" | "old" | "new">
): [string, string] {
  if (c.status === "added") return ["absent", "present"];
  if (c.status === "removed") return ["present", "absent"];
  if (c.kind === "verdict" && c.field === "flagged")
    return [c.old ? "flagged" : "agrees", c.new ? "flagged" : "agrees"];
  return [formatDiffValue(c.old), formatDiffValue(c.new)];
}
