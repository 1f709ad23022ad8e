/**
 * A small thesaurus of the themes OKR brainstorms keep returning to. Sticky notes are a few words
 * long, so two notes on one theme often share no word at all ("churn" and "renewals"); tagging
 * both with the theme gives the similarity something to hold on to. Families are general business
 * vocabulary, not one board's words; a note may belong to several. A family may name a broader
 * one (performance → engineering): its notes get that tag too, weighing less, so "latency" and
 * "failover" still meet while "latency" and "Postgres" stay apart.
 */
import { stemmer } from 'stemmer'

interface Family {
  readonly words: string
  readonly broader?: string
}

const FAMILIES: Readonly<Record<string, Family>> = {
  retention: {
    words: `churn churned retention retain cancel cancels cancelled canceled cancellation
    cancellations renewal renewals renew winback lifetime ltv nrr csm csms downgrade downgrades`,
  },
  acquisition: {
    words: `signup signups trial trials lead leads traffic seo organic blog content campaign
    campaigns ads advertising marketing webinar webinars funnel landing awareness brand referral
    referrals visitors newsletter subscribers influencer influencers creators instagram linkedin
    tiktok impressions acquisition`,
  },
  reliability: {
    words: `uptime availability incident incidents outage outages downtime oncall pager
    failover postmortem postmortems sla slo slos error errors reliability crash crashes stability
    monitoring alerting resilience`,
    broader: 'engineering',
  },
  performance: {
    words: `latency performance slow slowly slowness speed speedup snappy lag laggy load loading
    throughput percentile ms millisecond milliseconds cache caching
    pageload loadtest`,
    broader: 'engineering',
  },
  data: {
    words: `database databases db dbs postgres postgresql mysql sql query queries index indexes
    replica replicas schema schemas vacuum shard shards sharding`,
    broader: 'engineering',
  },
  cloud: {
    words: `cloud aws gcp azure instance instances kubernetes node nodes server servers hosting
    infra infrastructure staging environment environments workload workloads finops`,
    broader: 'engineering',
  },
  costs: {
    words: `cost costs spend spending bill bills savings cheaper expensive`,
  },
  support: {
    words: `support ticket tickets csat helpdesk help chat response answer answers faq agent agents
    contact contacts complaint complaints service refund refunds returns macros inquiries
    escalation escalations`,
  },
  people: {
    words: `hire hiring hires recruit recruiting recruitment candidates employee employees staff
    career culture training morale learning mentoring mentor mentors offsite attrition turnover
    headcount manager managers wellbeing benefits diversity promotion promotions interviewers
    engagementsurvey teamevent`,
  },
  revenue: {
    words: `revenue arr mrr deal deals pipeline sales pricing price prices contract contracts upsell
    expansion billing quota bookings margin profit acv subscription monetization plan plans`,
  },
  security: {
    words: `security secure vulnerability vulnerabilities breach breaches soc compliance audit
    pentest pen sso encryption backup backups gdpr phishing permissions privacy
    securitytraining`,
  },
  quality: {
    words: `bug bugs defect defects testing coverage qa regression regressions flaky debt
    refactor refactoring`,
    broader: 'engineering',
  },
  product: {
    words: `feature features ux usability activation adoption usage dau mau wau nps roadmap
    prototype discovery experiment experiments`,
  },
  logistics: {
    words: `delivery deliveries shipping warehouse logistics parcel parcels inventory fulfilment
    fulfillment carrier carriers stock courier dispatch`,
  },
  payments: { words: `checkout cart payment payments card cards pay invoice invoices` },
}

/**
 * Two-word terms that mean one thing, written as one word before the text is split: "pen test"
 * is security and "load test" performance, though both share "test"; "p99" would lose its
 * digits (and its meaning) when numbers are dropped.
 */
const COMPOUNDS: readonly (readonly [RegExp, string])[] = [
  [/\bp(?:50|75|90|95|99|999)\b/gi, 'percentile'],
  [/\b(?:pen|penetration)[- ]?tests?(?:ing)?\b/gi, 'pentest'],
  [/\bload[- ]?tests?(?:ing)?\b/gi, 'loadtest'],
  [/\b(?:a\/b|ab|split)[- ]?tests?(?:ing)?\b/gi, 'experiment'],
  [/\bpage[- ]?loads?\b/gi, 'pageload'],
  [/\bsign[- ]?ups?\b/gi, 'signup'],
  [/\b(?:employee|staff|team) engagement\b|\bengagement survey\b/gi, 'engagementsurvey'],
  [/\bteam (?:social|socials|event|events|building|lunch|dinner)\b/gi, 'teamevent'],
  [/\bsecurity (?:training|awareness)\b/gi, 'securitytraining'],
]

/** `text` with COMPOUNDS joined, ready for terms(). */
export function joinCompounds(text: unknown): string {
  if (typeof text !== 'string') return ''
  return COMPOUNDS.reduce((out, [pattern, word]) => out.replace(pattern, word), text)
}

/** A theme tag and how many times it counts as written. */
export interface ConceptTag {
  readonly tag: string
  readonly weight: number
}

/** Marks concept tags apart from stems, so a tag can never collide with a real word. */
export const CONCEPT_PREFIX = '#'
/** A named theme counts as if written twice; its broader theme once. */
const THEME_WEIGHT = 2
const BROADER_WEIGHT = 1

const CONCEPT_OF_STEM: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>()
  for (const [family, { words }] of Object.entries(FAMILIES)) {
    for (const word of words.split(/\s+/).filter((w) => w !== '')) {
      const stem = stemmer(word)
      const families = map.get(stem) ?? []
      if (!families.includes(family)) families.push(family)
      map.set(stem, families)
    }
  }
  return map
})()

/**
 * The theme tags a set of stems points to, each once, sorted, with their weights.
 *
 * @example
 * conceptTags(['latenc']) // [{ tag: '#engineering', weight: 1 }, { tag: '#performance', weight: 2 }]
 */
export function conceptTags(stems: Iterable<string>): ConceptTag[] {
  const weights = new Map<string, number>()
  const add = (family: string, weight: number): void => {
    const tag = `${CONCEPT_PREFIX}${family}`
    weights.set(tag, Math.max(weights.get(tag) ?? 0, weight))
  }
  for (const stem of stems) {
    for (const family of CONCEPT_OF_STEM.get(stem) ?? []) {
      add(family, THEME_WEIGHT)
      const broader = FAMILIES[family]?.broader
      if (broader !== undefined) add(broader, BROADER_WEIGHT)
    }
  }
  return [...weights.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([tag, weight]) => ({ tag, weight }))
}

/**
 * The theme tags a set of stems points to, each once, sorted.
 *
 * @example
 * concepts(['churn', 'renew']) // ['#retention']
 */
export function concepts(stems: Iterable<string>): string[] {
  return conceptTags(stems).map((c) => c.tag)
}
