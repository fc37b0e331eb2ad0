/**
 * Models trained to reason at length before answering — OpenAI's o-series (OpenAI 2024, "Learning to
 * Reason with LLMs"), DeepSeek-R1 (DeepSeek-AI 2025, arXiv:2501.12948) and QwQ (Qwen Team 2024) — told
 * apart by name. A label from the model's name, not a measurement: the real-log pages show each model's
 * measured tokens per question beside it (docs/real-data.md).
 */
export const REASONING_MODEL = /^(o\d+(-|$)|deepseek-r1|qwq)/i;

/**
 * Whether `model` is a reasoning model by {@link REASONING_MODEL} (a provider prefix like `openai/` is ignored).
 * @example
 * isReasoningModel("openai/o1") // true
 * isReasoningModel("QwQ-32B-Preview") // true
 * isReasoningModel("gpt-4o") // false
 */
export function isReasoningModel(model: string): boolean {
  return REASONING_MODEL.test(model.replace(/^.*\//, ""));
}
