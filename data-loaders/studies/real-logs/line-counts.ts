import type {LineCounts} from "../../../src/contracts/real-logs.js";
import type {IngestSummary} from "../../../src/lib/types.js";

/** Lines read, accepted and rejected over a whole set, as every real-log page states them. */
export function lineCounts(summary: IngestSummary): LineCounts {
  return {read: summary.lines_read, accepted: summary.lines_accepted, rejected: summary.lines_rejected};
}
