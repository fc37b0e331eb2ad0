/**
 * A study: the declarative part of a scaling analysis — which tasks form each group, which models
 * enter which fit (and which are left out, and why), and which extrapolation questions to answer
 * (format: docs/study-file.md). This is the public entry; the parts are
 *
 * - study-types.ts       the data model (`Study` and its parts, `StudyError`)
 * - study-parse.ts       `parseStudy`: validates a `study.json` and fills defaults
 *                        (its field checker: study-parse-checker.ts)
 * - study-default.ts     `defaultStudy`: the study of a root without `study.json`, and the defaults
 * - study-size-class.ts  `deriveSizeClass`, `resolveSizeClass`: a model's size class
 * - study-fit-rules.ts   `fitId`, `fitExclusionReason`: which model enters which fit
 * - study-check.ts       `checkStudy`: names a study uses that a root does not have
 *
 * @example
 * // with parseStudy imported from this module (src/lib/scaling/study.ts)
 * const study = parseStudy(text, "runs/demo/study.json");
 */
export type {
  BootstrapSettings,
  ExtrapolationQuestion,
  Study,
  StudyExclusion,
  StudyGroup,
  StudyIssue,
  StudyModelRule,
  StudySizeClass
} from "./study-types.js";
export {StudyError} from "./study-types.js";
export {parseStudy} from "./study-parse.js";
export {DEFAULT_BOOTSTRAP, DEFAULT_TO_TRAIN_TOKENS_T, defaultStudy} from "./study-default.js";
export {deriveSizeClass, resolveSizeClass} from "./study-size-class.js";
export {fitExclusionReason, fitId} from "./study-fit-rules.js";
export {checkStudy} from "./study-check.js";
