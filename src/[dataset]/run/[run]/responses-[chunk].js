/* global observable */
// Chunk k of a run's raw responses (src/contracts/run-files.ts), as a module the run page imports when the
// reader opens a question of that chunk. Framework copies a data file into dist/ only when a page or module
// names it literally, and a page learns its chunk numbers only at run time; one module per chunk (listed in
// observablehq.config.ts's dynamicPaths) names its file, and Framework hashes and copies it.
import {FileAttachment} from "observablehq:stdlib";

export const chunk = FileAttachment(
  `../../../data/${observable.params.dataset}/runs/${observable.params.run}/responses-${observable.params.chunk}.json.gz`
);
