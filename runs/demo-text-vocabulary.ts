/**
 * The case vocabulary of the demo responses: findings, conditions, labs and mechanisms a question's
 * samples discuss, and the record fields a diagnosis perturbation can touch (see docs/demo-generator.md).
 * Like the templates in demo-text.ts, no word here can be read as an answer by an extractor.
 */

/** The per-question vocabulary, shared by the five samples of a question so they discuss the same case. */
export interface CaseWords {
  f1: string;
  f2: string;
  f3: string;
  c1: string;
  c2: string;
  lab: string;
  mech: string;
  /** Diagnosis task: the field a perturbation touched, or null when the record is consistent. */
  contradiction: string | null;
  /** Diagnosis task: the revision option (1–3) that corrects the contradiction. */
  revision: number;
}

export const FINDINGS = [
  "acute chest pain radiating to the left arm",
  "fever and a productive cough",
  "progressive exertional dyspnea",
  "painless jaundice with weight loss",
  "polyuria and polydipsia",
  "episodic headaches with palpitations",
  "a new holosystolic murmur",
  "bilateral lower-extremity edema",
  "right lower quadrant tenderness",
  "a symmetric polyarthritis of the hands",
  "fatigue with conjunctival pallor",
  "a malar rash after sun exposure",
  "cola-colored urine after a sore throat",
  "unilateral calf swelling after a long flight",
  "sudden painless loss of vision in one eye",
  "a resting tremor with bradykinesia",
  "recurrent kidney stones",
  "calf pain on walking that resolves with rest",
  "night sweats and painless lymphadenopathy",
  "hypotension with hyperpigmented skin",
  "heat intolerance and a fine tremor",
  "neck stiffness with photophobia",
  "vaginal bleeding with a tender, rigid uterus",
  "pleuritic chest pain with tachycardia",
  "bone pain with an elevated total protein",
  "chronic diarrhea with an itchy blistering rash",
  "tearing chest pain radiating to the back",
  "periorbital edema and frothy urine",
  "hilar adenopathy with erythema nodosum",
  "steatorrhea and epigastric pain radiating to the back"
] as const;

export const CONDITIONS = [
  "acute coronary syndrome",
  "community-acquired pneumonia",
  "pancreatic adenocarcinoma",
  "diabetic ketoacidosis",
  "pheochromocytoma",
  "infective endocarditis",
  "congestive heart failure",
  "acute appendicitis",
  "rheumatoid arthritis",
  "iron deficiency anemia",
  "systemic lupus erythematosus",
  "post-streptococcal glomerulonephritis",
  "deep vein thrombosis",
  "central retinal artery occlusion",
  "Parkinson disease",
  "primary hyperparathyroidism",
  "peripheral arterial disease",
  "Hodgkin lymphoma",
  "primary adrenal insufficiency",
  "Graves disease",
  "bacterial meningitis",
  "placental abruption",
  "pulmonary embolism",
  "multiple myeloma",
  "celiac disease",
  "aortic dissection",
  "nephrotic syndrome",
  "sarcoidosis",
  "chronic pancreatitis",
  "uterine rupture"
] as const;

export const LABS = [
  "serum potassium",
  "troponin",
  "hemoglobin A1c",
  "TSH",
  "serum calcium",
  "lactate",
  "D-dimer",
  "creatinine",
  "ferritin",
  "lipase",
  "antinuclear antibody titer",
  "urine osmolality",
  "arterial pH",
  "platelet count",
  "serum sodium",
  "ESR"
] as const;

export const MECHANISMS = [
  "reduced renal perfusion",
  "autoimmune destruction of the target tissue",
  "catecholamine excess",
  "absolute insulin deficiency",
  "thrombus formation",
  "bacterial seeding of a heart valve",
  "volume overload",
  "immune complex deposition",
  "loss of dopaminergic neurons",
  "parathyroid hormone excess",
  "mineralocorticoid deficiency",
  "increased thyroid hormone production",
  "obstruction of the common bile duct",
  "separation of the placenta from the uterine wall",
  "a tear in the aortic intima",
  "plasma cell proliferation"
] as const;

export const FIELDS = [
  "gender",
  "temperature reading",
  "symptom description",
  "examination finding",
  "age"
] as const;

/** Draws the case vocabulary of one question. */
export function drawCaseWords(random: () => number, diagnosisTask: boolean): CaseWords {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const c1 = pick(CONDITIONS);
  let c2 = pick(CONDITIONS);
  if (c2 === c1) c2 = CONDITIONS[(CONDITIONS.indexOf(c1) + 7) % CONDITIONS.length];
  const f1 = pick(FINDINGS);
  let f2 = pick(FINDINGS);
  if (f2 === f1) f2 = FINDINGS[(FINDINGS.indexOf(f1) + 5) % FINDINGS.length];
  return {
    f1,
    f2,
    f3: pick(FINDINGS),
    c1,
    c2,
    lab: pick(LABS),
    mech: pick(MECHANISMS),
    contradiction: diagnosisTask && random() < 0.6 ? pick(FIELDS) : null,
    revision: 1 + Math.floor(random() * 3)
  };
}
