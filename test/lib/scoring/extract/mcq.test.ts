import {describe, expect, it} from "vitest";
import {extractMcq} from "../../../../src/lib/scoring/extract/mcq.js";

// Hand-written phrasings (our own sentences, shaped like what models write).
const REASONING =
  "The patient has painless bleeding in the third trimester, and the fetal heart rate fell.\n\n";

describe("extractMcq: explicit answer statements", () => {
  it.each([
    ["the answer is (C)", "C"],
    ["So the answer is (C).", "C"],
    ["The answer is C.", "C"],
    ["Answer: C", "C"],
    ["answer: (C) Vasa previa", "C"],
    ["the correct option is C", "C"],
    ["After weighing everything, the correct answer is option C.", "C"],
    ["The best choice is: **D**", "D"],
    ["**Answer: C**", "C"],
    ["**Answer:** (B) Heparin drip", "B"],
    ["\\boxed{C}", "C"],
    ["$\\boxed{\\text{E}}$", "E"],
    ["Final answer: C", "C"],
    ["Final Answer: [B]", "B"],
    ["I choose C", "C"],
    ["I'll go with option B here.", "B"],
    ["I would select (D).", "D"],
    ['{"answer": "C"}', "C"],
    ['{"reasoning": "renal cause", "answer_idx": "A"}', "A"],
    ['{"step_by_step_thinking": "Low platelets and schistocytes.", "answer_choice": "E"}', "E"],
    ["The answer to this question is D because the rash spares the face.", "D"],
    ["The answer is A because the lesion is in the medulla.", "A"],
    ["Option C is correct.", "C"],
    ["Therefore, D is the correct answer.", "D"],
    ["So B is the answer.", "B"],
    ["**Warfarin (C)** is the most appropriate treatment here.", "C"],
    ["the most likely diagnosis is (B) Gout", "B"],
    ["The underlying explanation is **D. Encephalitis**, given the confusion.", "D"],
    ["Therefore, the most appropriate initial step is **C**.", "C"],
    ["the answer is (c)", "C"],
    ['The most consistent solution is "B".', "B"]
  ])("%j → %s", (response, expected) => {
    expect(extractMcq(REASONING + response)).toBe(expected);
  });
});

describe("extractMcq: layout", () => {
  it.each([
    ["C", "C"],
    ["C.", "C"],
    ["(C)", "C"],
    ["**C**", "C"],
    ["**(C)**", "C"],
    ["C: Placenta abruption", "C"],
    ["(A) Serum lipase level", "A"],
    ["**C**. Oral doxycycline and rest", "C"]
  ])("final line %j → %s", (line, expected) => {
    expect(extractMcq(`${REASONING}Putting this together:\n\n${line}\n`)).toBe(expected);
  });

  it("reads the letter that opens the line after an answer heading or an `is:` line", () => {
    expect(extractMcq("### Analysis\nSome text.\n\n### Updated Answer\n\n(E) Reduced FEV1\n")).toBe("E");
    expect(
      extractMcq("The most appropriate next step is:\n\n**(A) Serum lipase**\n\nThis rules out hypoglycemia.")
    ).toBe("A");
    expect(extractMcq("**Most Likely Diagnosis:**\n\n(C) Sarcoidosis\n\n**Rationale:** hilar nodes.")).toBe(
      "C"
    );
    expect(
      extractMcq(
        "### Answer\n\nOctreotide lowers portal pressure.\n\n**D) Octreotide**\n\nIt is given as an infusion."
      )
    ).toBe("D");
  });

  it("falls back to a bracketed letter after the option's text when nothing explicit is said", () => {
    expect(extractMcq("The deficit is most likely **wrist drop (D)**.")).toBe("D");
    expect(extractMcq("The next step is to order a **renal ultrasound** (Option B).")).toBe("B");
    // ...but an explicit statement elsewhere takes precedence over the weak form.
    expect(extractMcq("Answer: A\n\nThe deficit is most likely **wrist drop (D)**.")).toBe("A");
  });
});

describe("extractMcq: precedence", () => {
  it("takes the last explicit statement: models revise themselves", () => {
    expect(extractMcq("Answer: B\n\nWait, re-reading the labs, the answer is D.")).toBe("D");
    expect(extractMcq("The answer is A. Hmm, no: the answer is C.\n\nC")).toBe("C");
    expect(extractMcq("Initially I thought the answer is D.\n\nFinal answer: B")).toBe("B");
  });

  it("ignores closed think blocks, and orphan closing tags end the reasoning", () => {
    expect(extractMcq("<think>The answer is A, surely.</think>\n\nThe answer is C.")).toBe("C");
    expect(extractMcq("<think>maybe B</think>\n\nD")).toBe("D");
    expect(extractMcq("<think>So the answer is B.</think>")).toBeNull();
    expect(extractMcq("Reasoning in the prompt template... the answer is A.</think>\n\nB")).toBe("B");
    expect(extractMcq("<THINK>answer: A</THINK>Answer: E")).toBe("E");
  });

  it("treats an unclosed think block as unparsed unless an explicit statement is in it", () => {
    expect(extractMcq("<think>Looking at this, A seems wrong. B fits the timing")).toBeNull();
    expect(extractMcq("<think>Considering the options\nB\nand then")).toBeNull(); // letter line: not trusted
    expect(extractMcq("<think>Long reasoning. So the answer is B. But wait")).toBe("B");
    expect(extractMcq("<think>First the answer is B. Then, the answer is D")).toBe("D");
  });

  it("only accepts letters among the offered choices, so an earlier valid statement can win", () => {
    expect(extractMcq("Answer: E", ["A", "B", "C", "D"])).toBeNull();
    expect(extractMcq("Answer: B. Later on: answer: E", ["A", "B", "C", "D"])).toBe("B");
    expect(extractMcq("Answer: E", ["A", "B", "C", "D", "E"])).toBe("E");
    expect(extractMcq("Answer: E", null)).toBe("E");
  });

  it("returns uppercase letters A–J only", () => {
    expect(extractMcq("Answer: J")).toBe("J");
    expect(extractMcq("Answer: K")).toBeNull();
  });
});

describe("extractMcq: false-positive traps", () => {
  it.each([
    "A 45-year-old man presents with chest pain.",
    "Vitamin C deficiency causes poor wound healing.",
    "Option A is incorrect because it ignores the potassium.",
    "Option A is not the answer here.",
    "Option B is the most likely to worsen the vasospasm.",
    "If the answer is C, the patient would be febrile.",
    "I don't think the answer is C.",
    "The answer is either C or D.",
    "The answer is C or D, depending on the culture.",
    "The answer is E. coli sepsis.",
    "Maybe the answer is C? Let me check the labs again.",
    "To answer this question, consider the CT findings.",
    "Answer: A lower dose of insulin is preferred.",
    "Answer: Serum lipase level",
    "The options are:\n(A) Aspirin\n(B) Heparin\n(C) Warfarin\n(D) Alteplase",
    "Answer:\n(A) Aspirin\n(B) Heparin\n(C) Warfarin",
    "### A. Updated Thinking\nThe patient has a history of gout.",
    "**B. Differential Diagnosis**\nGout versus pseudogout.",
    "I think it might be C, but the image is missing.",
    "The patient's vitamin is C. He takes it daily.",
    "",
    "   \n\n  "
  ])("%j → null", (response) => {
    expect(extractMcq(response)).toBeNull();
  });
});

describe("extractMcq: cost", () => {
  it("stays linear on adversarial input (no catastrophic backtracking)", () => {
    const n = 100_000;
    const inputs = [
      " ".repeat(n) + "x",
      "C" + " ".repeat(n) + "x",
      "answer ".repeat(n / 7),
      "is ".repeat(n / 3),
      "(A) ".repeat(n / 4),
      "A\n".repeat(n / 2),
      "\n".repeat(n),
      "<think>".repeat(n / 7),
      "### Answer\n".repeat(n / 11),
      "best a a a a a a a ".repeat(n / 19),
      ("is " + "x".repeat(99) + " ").repeat(n / 103)
    ];
    for (const input of inputs) {
      // Linear code handles 100 kB in a few ms (npm run bench measures it); catastrophic backtracking would
      // hang here until the test times out.
      expect([null, ..."ABCDEFGHIJ"]).toContain(extractMcq(input));
    }
  });
});

describe("extractMcq: rules pinned case by case (each expectation is what the text commits to)", () => {
  it.each([
    ["Putting it together:\n\n( C )\n", "C"],
    ["Putting it together:\n\n[ B ]\n", "B"],
    ["Putting it together:\n\nOption  D - Oral iron\n", "D"],
    ["Putting it together:\n\nC. Oral antibiotics, then review\n", "C"],
    ["Putting it together:\n\n**(B) Differential Diagnosis**\n", null],
    ["The answer is C because E. coli is gram negative.", "C"],
    ["Most likely organism: the answer is E.coli.", null],
    ["Answer: c", "C"],
    ["Treatment: the answer is a combination of drugs.", null],
    ["The answer is A lower dose of lisinopril.", null],
    // the later statement wins over an earlier letter-only line
    ["B\n\nWait, re-reading the question, the answer is D.", "D"],
    // weak statements: a lowercase letter or a hedge is not a pick
    ["the deficit is foot drop (d)", null],
    ["If the cause is foot drop (D), the exam would show it.", null],
    // an answer heading followed by a listing, or by a label more than six lines down, is not an answer
    ["### Answer\n(A) Aspirin\n(B) Heparin\n(C) Warfarin", null],
    ["### Answer\none\ntwo\nthree\nfour\nfive\nsix\n(B) Heparin\nThat is all.", null],
    // the last line's label is part of a listing even with a blank line in between
    ["Options:\n\n(A) Aspirin\n\n(B) Heparin", null],
    // a label five lines later, or after a heading, does not make a listing
    [
      "The best treatment is:\n(A) Aspirin\nIt lowers risk.\nIt is cheap.\nIt is oral.\nIt is safe.\nIt is available.\n(B) Heparin is not needed.\nDone.",
      "A"
    ],
    ["The best treatment is:\n(A) Aspirin\n## Other options\n(B) Heparin\nEnd of notes.", "A"],
    // a same-line statement is not dropped by a label on the next line
    ["Answer: C\n(D) Heparin is not indicated.\nDone.", "C"],
    ["If option B is correct, the platelets would be low.", null],
    // an explicit statement in an unclosed trace, after a visible answer, comes later
    ["Answer: B\n<think>Thinking again about the lab values: Option C is correct", "C"],
    ["**B) Dexamethasone** is the most appropriate next step.\nIt reduces edema.", "B"],
    ["(B) Nifedipine is the best choice here.\nIt relaxes the uterus.", "B"],
    ["E. coli is the most likely cause.", null],
    ["E. coli grows on the plate.", null]
  ])("%j → %s", (response, expected) => {
    expect(extractMcq(REASONING + response)).toBe(expected);
  });
});

describe("extractMcq: a section title led by a letter is not an answer", () => {
  // Responses that number their sections `### A.`, `### B.` (as MedAgentsBench's multi-persona
  // responses do): a bare letter with its punctuation, then a section word, is a title, whatever the
  // punctuation; before the fix only the bracketed form `### (A) Updated Thinking` was recognised.
  it.each([
    REASONING + "### A. Updated Thinking",
    REASONING + "### A. Updated Thinking\n\n",
    REASONING + "### B: Differential Diagnosis",
    REASONING + "### C) Conclusion",
    REASONING + "### D - Next Steps",
    REASONING + "### E. Analyzing the Options",
    REASONING + "#### B. Vital Signs",
    REASONING + "**A. Patient Background**",
    REASONING + "**A**. Clinical Presentation",
    REASONING + "A. Laboratory Findings"
  ])("%j → null (the last line is a section title)", (response) => {
    expect(extractMcq(response)).toBeNull();
  });

  it("an earlier explicit answer still wins over a trailing section title", () => {
    expect(extractMcq(REASONING + "The answer is D.\n\n### A. Updated Thinking")).toBe("D");
    expect(extractMcq(REASONING + "Answer: C\n\n### B. Updated Analysis\n")).toBe("C");
  });

  it.each([
    [REASONING + "### Answer: A", "A"],
    [REASONING + "### Final Answer: **C**", "C"],
    [REASONING + "**A**", "A"],
    [REASONING + "### B", "B"],
    [REASONING + "#### A. Optic neuritis", "A"],
    [REASONING + "### C. Patient-controlled analgesia", "C"],
    [REASONING + "### D. Clinically silent infarct", "D"],
    [REASONING + "### E. Reviewing the chart again", "E"],
    [REASONING + "### Updated Answer\n\n#### B. Vasa previa", "B"]
  ])("%j → %s (a pick, not a section title)", (response, letter) => {
    expect(extractMcq(response)).toBe(letter);
  });
});
