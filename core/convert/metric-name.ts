/**
 * Naming the metric of a key result from its text ("Decrease our customer churn rate to less
 * than 5%." → "customer churn rate").
 */
import type { Quantity } from './quantities'
import { baseForm, VERB_SETS, type VerbHit } from './verbs'

const TIMEFRAME = new RegExp(
  [
    String.raw`\b(?:this|next|the)\s+(?:quarter|year|half|cycle|sprint|month)\b`,
    String.raw`\bby\s+(?:the\s+)?end\s+of\s+(?:the\s+)?(?:quarter|year|month|half|cycle|q[1-4]|h[12]|\w+)(?:\s+\d{4})?`,
    String.raw`\b(?:in|by|before|for|during|until)\s+(?:q[1-4]|h[12]|fy\s?\d{2,4})(?:\s+\d{4})?\b`,
    String.raw`\b(?:in|by|before|until)\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?`,
    String.raw`\b(?:quarter|year|month|week)[- ]over[- ](?:quarter|year|month|week)\b`,
    String.raw`\b(?:qoq|yoy|mom|wow)\b`,
    String.raw`\b(?:every|each)\s+(?:quarter|year|month|week|sprint)\b`,
    String.raw`\b(?:in|by|for|during|until|before)\s+(?:19|20)\d\d\b`,
  ].join('|'),
  'gi',
)
const CONNECTOR_TAIL =
  /(?:\s*(?:\b(?:instead\s+of|rather\s+than|down\s+from|up\s+from|versus|vs|from|to|by|under|below|beneath|less\s+than|fewer\s+than|more\s+than|at\s+least|at\s+most|no\s+more\s+than|above|over|of|up\s+to|down\s+to|within|in|than|top|between|and|an\s+average(?:\s+of)?|average(?:\s+of)?|a|an|the|another|additional|extra|sub|max(?:imum)?|min(?:imum)?|at|is)\b|[<>]=?))+\s*$/i
const DETERMINER = /^(?:(?:the|our|a|an|my|all|its|their|your|of|on|in|to)\s+)+/i
const TRAILING_FILLER =
  /(?:\s+\b(?:to|by|from|of|at|on|for|in|with|and|the|a|an|down|up|half)\b)+$/i

/**
 * The measured thing: the text without its verb, the given amounts and their connecting words,
 * and timeframe phrases.
 *
 * @example
 * extractMetric('Decrease our churn rate to less than 5%', [fivePercent], decreaseVerb)
 * // 'churn rate'
 */
export function extractMetric(
  text: string,
  spans: readonly Quantity[],
  verb: VerbHit | null,
): string {
  const firstWord = /^[a-z][a-z'-]*/i.exec(text)?.[0] ?? ''
  // A gerund opens a subject ("Shipping the portal increases …"), not an imperative.
  const leadingVerb =
    VERB_SETS.some((set) => set.has(firstWord.toLowerCase())) ||
    (!/ing$/i.test(firstWord) && VERB_SETS.some((set) => baseForm(firstWord, set) !== null))
  // Blank the numbers out in place, so the verb's offsets stay valid.
  let cut = text
  for (const q of spans) {
    const before = cut.slice(0, q.index)
    const connector = CONNECTOR_TAIL.exec(before)
    const from = connector === null ? q.index : connector.index
    const denominator = /^\/\s?\d+(?:\.\d+)?/.exec(cut.slice(q.end))
    const end = q.end + (denominator?.[0].length ?? 0)
    cut = cut.slice(0, from) + ' '.repeat(end - from) + cut.slice(end)
  }
  // "Shipping the portal increases employee feedback scores": the metric follows the verb.
  if (!leadingVerb && verb !== null && verb.index > 0) cut = cut.slice(verb.end)
  else if (leadingVerb)
    cut = cut.slice(firstWord.length).replace(/^\s*(?:up|out|off|down|in|on|back)\b/i, '')
  let metric = cut.replace(TIMEFRAME, ' ').replace(/\s+/g, ' ').trim()
  metric = metric.replace(/\s*\/\s*(day|week|month|quarter|year|user|customer|seat)\b/gi, ' per $1')
  metric = metric.replace(/\s*\b(?:doubl|tripl|quadrupl|halv)\w*\b\s*/gi, ' ')
  metric = metric.replace(/\s*\b(?:in|by)\s+half\b/gi, ' ')
  metric = metric.replace(/\s+([,.;:!?)])/g, '$1').replace(/\(\s+/g, '(')
  let previous = ''
  while (previous !== metric) {
    previous = metric
    metric = metric
      .replace(/^[\s,.;:!?"'“”‘’-]+|[\s,.;:!?"'“”‘’-]+$/g, '')
      .replace(DETERMINER, '')
      .replace(TRAILING_FILLER, '')
      .replace(/\s+/g, ' ')
  }
  return metric
}
