/**
 * m1's abstract (seed 001): its qualitative findings on thinking budgets and budget forcing, transcribed
 * once, each as the short phrase the comparison prints and the sentence it comes from. Pure data.
 */

/** The reasoning-token budget the abstract finds optimal ("approximately 4K"), in tokens. */
export const M1_OPTIMAL_BUDGET = 4096;

/** A qualitative claim of the abstract: what the comparison prints as "published", and the source. */
export interface M1Claim {
  published: string;
  quote: string;
}

/** The abstract's claims that the logs can check. */
export const M1_CLAIMS: {
  optimalBudget: M1Claim;
  overthinking: M1Claim;
  forcingBreaksAnswers: M1Claim;
  forcingNetEffect: M1Claim;
} = {
  optimalBudget: {
    published: "≈4K tokens",
    quote: "we identify an optimal reasoning token budget of approximately 4K"
  },
  overthinking: {
    published: "may degrade",
    quote: "beyond which performance may degrade due to overthinking"
  },
  forcingBreaksAnswers: {
    published: "in some cases",
    quote: "in some cases, even introduces errors into previously correct responses"
  },
  forcingNetEffect: {
    published: "does not necessarily improve",
    quote:
      "helps models double-check answers but does not necessarily improve the overall medical QA performance"
  }
};
