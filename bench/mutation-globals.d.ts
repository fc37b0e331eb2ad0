/**
 * The two web globals src/lib calls (src/lib/scoring/correctness-codec.ts), declared for the mutation
 * runs' TypeScript check of src/lib (tsconfig.mutation-<scope>.json, written by bench/mutation.ts), which
 * compiles against ES2022 alone: the DOM library and Node's types hold thousands of global declarations
 * that the checker merged anew for every mutant (docs/mutation-testing.md). Browsers and Node ≥ 16 have both.
 */
declare function btoa(data: string): string;
declare function atob(data: string): string;
