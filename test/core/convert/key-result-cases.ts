/**
 * Hand-labelled key-result phrasings: the reference texts' examples (`reference: true`) and
 * phrasings as teams write them on sticky notes. Each row is the parse a careful reader expects.
 */
import type { Calculation, Direction, Unit } from '../../../core/okr/okr-model'
import type { KeyResultKind } from '../../../core/convert/drafts'

export interface Expected {
  readonly kind: KeyResultKind
  readonly direction?: Direction
  readonly calculation?: Calculation
  readonly start?: number | null
  readonly target?: number | null
  readonly unit?: Unit
}

export interface Case {
  readonly text: string
  readonly expected: Expected
  /** An example quoted in /work/shared/reference or in the issue: must parse exactly. */
  readonly reference: boolean
}

const units: Record<string, Unit> = {
  '%': { kind: 'percent' },
  '#': { kind: 'count' },
  USD: { kind: 'currency', code: 'USD' },
  EUR: { kind: 'currency', code: 'EUR' },
  GBP: { kind: 'currency', code: 'GBP' },
}
const unit = (u: string): Unit => units[u] ?? { kind: 'text', label: u }

const CALCULATIONS: Record<string, Calculation> = {
  at: 'absolute-target',
  pl: 'percentage-lift',
  al: 'absolute-lift',
}

export const kr = (
  text: string,
  direction: 'inc' | 'dec',
  calc: 'at' | 'pl' | 'al',
  start: number | null,
  target: number,
  u: string,
  reference = false,
): Case => ({
  text,
  reference,
  expected: {
    kind: 'key-result',
    direction: direction === 'inc' ? 'increase' : 'decrease',
    calculation: CALCULATIONS[calc] ?? 'absolute-target',
    start,
    target,
    unit: unit(u),
  },
})
const ref = (...args: Parameters<typeof kr>): Case =>
  kr(args[0], args[1], args[2], args[3], args[4], args[5], true)
export const initiative = (text: string, reference = false): Case => ({
  text,
  reference,
  expected: { kind: 'initiative' },
})
export const unmeasurable = (text: string, reference = false): Case => ({
  text,
  reference,
  expected: { kind: 'unmeasurable', target: null },
})

export const CASES: readonly Case[] = [
  // The reference texts and the issue.
  ref('Boost attendance at monthly company social events by 30%', 'inc', 'pl', null, 30, '#'),
  ref('Increase scores on employee feedback surveys by 15%.', 'inc', 'pl', null, 15, '#'),
  ref('Decrease our customer churn rate to less than 5%.', 'dec', 'at', null, 5, '%'),
  ref(
    'Increase upgrades from free accounts to premium accounts by 40%.',
    'inc',
    'pl',
    null,
    40,
    '#',
  ),
  ref('Reduce wait time on customer support tickets to 24 hours.', 'dec', 'at', null, 24, 'hours'),
  ref(
    'Improve feedback scores on our customer surveys to an average four star rating.',
    'inc',
    'at',
    null,
    4,
    'stars',
  ),
  ref('Obtain 2,000 new product signups.', 'inc', 'at', null, 2000, '#'),
  ref('Have product reviews published on 10 major industry websites.', 'inc', 'at', null, 10, '#'),
  ref('Shipping the portal increases employee feedback scores by 25%.', 'inc', 'pl', null, 25, '#'),
  ref("Infographics improve the user's time spent on page by 10%.", 'inc', 'pl', null, 10, '#'),
  ref('Infographics are pinned on Pinterest at least 100 times each.', 'inc', 'at', null, 100, '#'),
  ref(
    'Shipping feature X increases new user sign-ups by 10% this quarter.',
    'inc',
    'pl',
    null,
    10,
    '#',
  ),
  ref(
    'Increase positive brand mentions from sponsored influencers by 50%.',
    'inc',
    'pl',
    null,
    50,
    '#',
  ),
  ref('Create 20 sponsored ads', 'inc', 'at', null, 20, '#'),
  ref('Obtain 50+ demo requests from Instagram leads', 'inc', 'at', null, 50, '#'),
  ref('Get 10 major corporations to change from our competitor to us.', 'inc', 'at', null, 10, '#'),
  ref('Achieve closing rate of 30%.', 'inc', 'at', null, 30, '%'),
  unmeasurable('Expand to German market.', true),
  ref('Improve employee engagement score by 20%', 'inc', 'pl', null, 20, '#'),
  ref('Centralize 100% of company content into X application', 'inc', 'at', null, 100, '%'),
  ref(
    'Update 50% of technology and software programs by the end of the quarter.',
    'inc',
    'at',
    null,
    50,
    '%',
  ),
  ref('Increase blog traffic by 30% every month', 'inc', 'pl', null, 30, '#'),
  ref('Introduce blog distribution on two new channels', 'inc', 'at', null, 2, '#'),
  ref('Improve conversions via CTAs by 10%', 'inc', 'pl', null, 10, '#'),
  ref('Reduce data breach incidents from 2 to 0.', 'dec', 'at', 2, 0, '#'),
  ref('Decrease data backup time from 5 hours to 1 hour.', 'dec', 'at', 5, 1, 'hours'),
  ref('Resolve 45 customer support tickets per week', 'inc', 'at', null, 45, '#'),
  ref('Reach 1,000 customers', 'inc', 'at', null, 1000, '#'),
  ref('Increase trial signups by 20%', 'inc', 'pl', null, 20, '#'),
  ref('Add 500 new customers', 'inc', 'al', null, 500, '#'),
  ref('reach 1000 followers on Instagram', 'inc', 'at', null, 1000, '#'),
  ref('Fix 25 bugs', 'inc', 'at', null, 25, '#'),
  ref('Grow monthly active users from 12,000 to 20,000', 'inc', 'at', 12000, 20000, '#'),
  ref('Get p95 page load to under 2 seconds', 'dec', 'at', null, 2, 'seconds'),
  ref('Keep error rate below 3%', 'dec', 'at', null, 3, '%'),
  ref('Reach $48k MRR', 'inc', 'at', null, 48000, 'USD'),
  ref('Grow newsletter subscribers to 1.5k', 'inc', 'at', null, 1500, '#'),
  ref('Add 300 paying customers', 'inc', 'al', null, 300, '#'),
  ref('Reduce churn from 8% to 5%', 'dec', 'at', 8, 5, '%'),
  ref('Lower cost per acquisition to less than €40', 'dec', 'at', null, 40, 'EUR'),
  initiative('Ship dark mode', true),
  initiative('Launch the referral program', true),
  initiative('Write an onboarding playbook for new hires', true),
  initiative('Build a self-serve billing portal', true),
  initiative('Create a public status page', true),
  initiative('Hire a head of customer success', true),
  initiative('Run a quarterly customer advisory board', true),
  initiative('Implement SSO for enterprise accounts', true),
  ref('Eliminate manual deploy steps', 'dec', 'at', null, 0, '#'),
  ref('Double weekly active teams', 'inc', 'pl', null, 100, '#'),

  // Phrasings as teams write them.
  kr('Cut cloud spend by 15%', 'dec', 'pl', null, 15, '#'),
  kr('Reduce P1 incidents from 2 to 0', 'dec', 'at', 2, 0, '#'),
  kr('Cut average handling time from 5 hours to 1 hour', 'dec', 'at', 5, 1, 'hours'),
  kr('Raise NPS from 32 to 45', 'inc', 'at', 32, 45, '#'),
  kr('Lift trial-to-paid conversion by 2 percentage points', 'inc', 'al', null, 2, '%'),
  kr('Raise activation rate from 40% to 55%', 'inc', 'at', 40, 55, '%'),
  kr('Halve the number of escalations', 'dec', 'pl', null, 50, '#'),
  kr('Increase ARR to £2.5m', 'inc', 'at', null, 2500000, 'GBP'),
  kr('Grow revenue from $1.2M to $2M', 'inc', 'at', 1200000, 2000000, 'USD'),
  kr('Shrink the bug backlog from 340 to 150 tickets', 'dec', 'at', 340, 150, '#'),
  kr('Reduce time to first response to 4 hours', 'dec', 'at', null, 4, 'hours'),
  kr('Respond to all support tickets within 4 hours', 'dec', 'at', null, 4, 'hours'),
  kr('Improve page load time from 4.2s to 1.5s', 'dec', 'at', 4.2, 1.5, 'seconds'),
  kr('Decrease API latency to below 200 ms', 'dec', 'at', null, 200, 'ms'),
  kr('Keep uptime above 99.9%', 'inc', 'at', null, 99.9, '%'),
  kr('Maintain 99.95% availability', 'inc', 'at', null, 99.95, '%'),
  kr('Increase customer satisfaction (CSAT) to 90%', 'inc', 'at', null, 90, '%'),
  kr('Sign 5 new enterprise customers', 'inc', 'at', null, 5, '#'),
  kr('Onboard 50 customers within 30 days', 'inc', 'at', null, 50, '#'),
  kr('Boost organic traffic by 25% by end of Q3', 'inc', 'pl', null, 25, '#'),
  kr('Grow the community to 10k members', 'inc', 'at', null, 10000, '#'),
  kr('Cut onboarding time from 14 days to 7 days', 'dec', 'at', 14, 7, 'days'),
  initiative('Migrate CI to GitHub Actions'),
  initiative("Let's set up a design system"),
  initiative('KR3: Roll out the new pricing page'),
  initiative('Hiring a data engineer'),
  unmeasurable('Be the go-to tool for remote teams'),
  unmeasurable('Make the onboarding delightful'),
  unmeasurable('Better documentation'),
  unmeasurable('Reduce churn'),
  unmeasurable('Achieve SOC 2 Type II certification'),
  kr('Hire 3 senior engineers', 'inc', 'at', null, 3, '#'),
  kr('Publish 12 blog posts', 'inc', 'at', null, 12, '#'),
  kr('Reduce customer acquisition cost by $25', 'dec', 'al', null, 25, 'USD'),
  kr('Increase average order value by €10', 'inc', 'al', null, 10, 'EUR'),
  kr('Cut cost per ticket to under USD 3', 'dec', 'at', null, 3, 'USD'),
  kr('Close 250k USD in new business', 'inc', 'at', null, 250000, 'USD'),
  kr('Grow MAU 3x', 'inc', 'pl', null, 200, '#'),
  kr('Weekly active users 10,000 → 15,000', 'inc', 'at', 10000, 15000, '#'),
  kr('Move NPS from 30 to 50', 'inc', 'at', 30, 50, '#'),
  kr('Keep monthly churn under 2%', 'dec', 'at', null, 2, '%'),
  kr('Reduce failed deployments to fewer than 5 per month', 'dec', 'at', null, 5, '#'),
  kr('Bring the support backlog down to 50 tickets', 'dec', 'at', null, 50, '#'),
  kr('Increase conversion rate from 2.5% to 3.5%', 'inc', 'at', 2.5, 3.5, '%'),
  kr('Reduce build times 12 min to 4 min', 'dec', 'at', 12, 4, 'minutes'),
  kr('Get 40-50 customer interviews done', 'inc', 'at', null, 50, '#'),
  kr('Reduce ticket volume by 10-20%', 'dec', 'pl', null, 20, '#'),
  kr('Grow app store rating to 4.5 stars', 'inc', 'at', null, 4.5, 'stars'),
  kr('Achieve a 4.8/5 average rating', 'inc', 'at', null, 4.8, '#'),
  kr('Lower employee turnover below 10%', 'dec', 'at', null, 10, '%'),
  kr('Decrease cart abandonment by 8 pp', 'dec', 'al', null, 8, '%'),
  kr('Reduce MTTR from 3 hours to 30 minutes', 'dec', 'at', 180, 30, 'minutes'),
  kr('Increase test coverage from 60% to 80%', 'inc', 'at', 60, 80, '%'),
  kr('Keep infra costs below $12k/month', 'dec', 'at', null, 12000, 'USD'),
  kr('Raise average deal size to $15,000', 'inc', 'at', null, 15000, 'USD'),
  kr('Boost email open rate to 35%', 'inc', 'at', null, 35, '%'),
  kr('1,000 paying customers by December', 'inc', 'at', null, 1000, '#'),
  kr('Zero critical vulnerabilities in production', 'dec', 'at', null, 0, '#'),
  kr('Improve onboarding completion rate by 15%', 'inc', 'pl', null, 15, '#'),
  kr('Improve support response time by 30%', 'dec', 'pl', null, 30, '#'),
  kr('Increase the share of self-serve upgrades to 60%', 'inc', 'at', null, 60, '%'),
  kr('Cut median pull request review time in half', 'dec', 'pl', null, 50, '#'),
  kr('Grow revenue 20% quarter over quarter', 'inc', 'pl', null, 20, '#'),
  kr('Increase webinar attendance from 150 to 400 per session', 'inc', 'at', 150, 400, '#'),
  kr('Decrease time-to-hire to 30 days', 'dec', 'at', null, 30, 'days'),
  kr('Expand to 3 new markets in 2027', 'inc', 'at', null, 3, '#'),
  kr('Increase paid conversions by 300', 'inc', 'al', null, 300, '#'),
  kr('Hit 250 daily active users', 'inc', 'at', null, 250, '#'),
  kr('Improve Lighthouse performance score to 90+', 'inc', 'at', null, 90, '#'),
  kr('Grow ARR from €800k to €1.2m', 'inc', 'at', 800000, 1200000, 'EUR'),
  kr('Keep time to first byte under 300ms', 'dec', 'at', null, 300, 'ms'),
  kr('Drop weekly on-call pages below 5', 'dec', 'at', null, 5, '#'),
  kr('Trim the AWS bill by 20 percent', 'dec', 'pl', null, 20, '#'),
  kr('Grow partner pipeline to $1.2bn', 'inc', 'at', null, 1200000000, 'USD'),
  kr('Raise the employee engagement score from 3.8 to 4.2', 'inc', 'at', 3.8, 4.2, '#'),
  kr('Reduce average tickets per customer by 10%', 'dec', 'pl', null, 10, '#'),
  kr('Decrease onboarding call no-shows by half', 'dec', 'pl', null, 50, '#'),
  kr('Increase NPS from 30 by 20%', 'inc', 'pl', 30, 20, '#'),
  kr('+20% qualified leads from partners', 'inc', 'pl', null, 20, '#'),
  kr('A 10% increase in new user sign-ups this quarter', 'inc', 'pl', null, 10, '#'),
  kr('300 more trial starts per month', 'inc', 'al', null, 300, '#'),
  kr('Rank in the top 3 for "okr software"', 'dec', 'at', null, 3, 'rank'),
  kr('Get p99 latency < 500ms', 'dec', 'at', null, 500, 'ms'),
  kr('Churn ≤ 2% monthly', 'dec', 'at', null, 2, '%'),
  kr('Sales cycle from 60 days to 45', 'dec', 'at', 60, 45, 'days'),
  kr('Close 12 new deals worth over $10k each', 'inc', 'at', null, 12, '#'),
  kr('Grow self-serve revenue to 1.5 million USD', 'inc', 'at', null, 1500000, 'USD'),
  kr('Run 12 customer interviews in Q3', 'inc', 'at', null, 12, '#'),
  initiative('Run a 2-day hackathon on onboarding'),
  initiative('Launch v2 of the mobile app'),
  unmeasurable('Become the most loved brand in our category'),
  kr('Improve onboarding from 10 days to 3 days', 'dec', 'at', 10, 3, 'days'),
]
