/**
 * Terse sticky-note shorthand (symbols, arrows, no verbs, abbreviations), written after the
 * parser was first measured. Its first measured hit rate is recorded in docs/conversion.md
 * before any rule was added for it.
 */
import type { Case } from './key-result-cases'
import { kr, initiative, unmeasurable } from './key-result-cases'

export const TERSE: readonly Case[] = [
  kr('MAU 10k → 15k', 'inc', 'at', 10000, 15000, '#'),
  kr('NPS 30 -> 50', 'inc', 'at', 30, 50, '#'),
  kr('churn < 3%', 'dec', 'at', null, 3, '%'),
  kr('signups +20%', 'inc', 'pl', null, 20, '#'),
  kr('-15% cloud costs', 'dec', 'pl', null, 15, '#'),
  kr('reduce CAC 20%', 'dec', 'pl', null, 20, '#'),
  kr('app rating from 3.2 to 4.5', 'inc', 'at', 3.2, 4.5, '#'),
  kr('Cycle time: 5d → 2d', 'dec', 'at', 5, 2, 'days'),
  kr('p95 < 250ms', 'dec', 'at', null, 250, 'ms'),
  kr('<1% error rate', 'dec', 'at', null, 1, '%'),
  kr('2x pipeline', 'inc', 'pl', null, 100, '#'),
  kr('0 sev1 incidents', 'dec', 'at', null, 0, '#'),
  kr('100 NPS responses/month', 'inc', 'at', null, 100, '#'),
  kr('CSAT ≥ 90%', 'inc', 'at', null, 90, '%'),
  kr('MRR: $50k', 'inc', 'at', null, 50000, 'USD'),
  kr('Uptime 99.9%', 'inc', 'at', null, 99.9, '%'),
  kr('TTFR under 1h', 'dec', 'at', null, 1, 'hours'),
  kr('50 new logos', 'inc', 'at', null, 50, '#'),
  kr('Onboarding time 2 weeks -> 3 days', 'dec', 'at', 14, 3, 'days'),
  kr('churn 5%→3%', 'dec', 'at', 5, 3, '%'),
  kr('ARR 1.2M to 2M', 'inc', 'at', 1200000, 2000000, '#'),
  kr('backlog < 100 tickets', 'dec', 'at', null, 100, '#'),
  kr('more demos: 40/month', 'inc', 'at', null, 40, '#'),
  kr('Activation 25% → 40%', 'inc', 'at', 25, 40, '%'),
  kr('half the build time', 'dec', 'pl', null, 50, '#'),
  kr('conversion +2pp', 'inc', 'al', null, 2, '%'),
  kr('headcount 12 → 18', 'inc', 'at', 12, 18, '#'),
  kr('LCP ≤ 2.5s', 'dec', 'at', null, 2.5, 'seconds'),
  initiative('ship SSO'),
  initiative('new pricing page'),
  unmeasurable('happier customers'),
  unmeasurable('less toil'),
]
