import {describe, expect, it} from "vitest";
import * as study from "../../../src/lib/scaling/study.js";
import {checkStudy} from "../../../src/lib/scaling/study-check.js";
import {
  DEFAULT_BOOTSTRAP,
  DEFAULT_TO_TRAIN_TOKENS_T,
  defaultStudy
} from "../../../src/lib/scaling/study-default.js";
import {fitExclusionReason, fitId} from "../../../src/lib/scaling/study-fit-rules.js";
import {parseStudy} from "../../../src/lib/scaling/study-parse.js";
import {deriveSizeClass, resolveSizeClass} from "../../../src/lib/scaling/study-size-class.js";
import {StudyError} from "../../../src/lib/scaling/study-types.js";

describe("the public entry study.ts", () => {
  it("re-exports every part of the study API, the same objects as the part files", () => {
    expect({...study}).toEqual({
      checkStudy,
      DEFAULT_BOOTSTRAP,
      DEFAULT_TO_TRAIN_TOKENS_T,
      defaultStudy,
      deriveSizeClass,
      fitExclusionReason,
      fitId,
      parseStudy,
      resolveSizeClass,
      StudyError
    });
    expect(study.parseStudy).toBe(parseStudy);
    expect(study.StudyError).toBe(StudyError);
  });
});
