/**
 * A small thesaurus of the themes OKR brainstorms keep returning to. Sticky notes are a few words
 * long, so two notes on one theme often share no word at all ("churn" and "renewals"); tagging
 * both with the theme gives the similarity something to hold on to. Families are general business
 * vocabulary, not one board's words; a note may belong to several.
 */
import { stemmer } from 'stemmer'

const FAMILIES: Readonly<Record<string, string>> = {
  retention: `churn churned retention retain cancel cancels cancelled canceled cancellation
    cancellations renewal renewals renew winback lifetime ltv nrr csm csms downgrade downgrades`,
  acquisition: `signup signups trial trials lead leads traffic seo organic blog content campaign
    campaigns ads advertising marketing webinar webinars funnel landing awareness brand referral
    referrals visitors newsletter subscribers influencer influencers creators instagram linkedin
    tiktok impressions acquisition`,
  reliability: `uptime availability latency incident incidents outage outages downtime oncall paged
    pager failover postmortem postmortems sla slo slos error errors reliability performance
    crash crashes stability monitoring alerting infra infrastructure database load`,
  support: `support ticket tickets csat helpdesk help chat response answer answers faq agent agents
    contact contacts complaint complaints service refund refunds returns macros inquiries
    escalation escalations`,
  people: `hire hiring hires recruit recruiting recruitment candidates employee employees staff
    career culture training morale learning mentoring mentor mentors offsite attrition turnover
    headcount manager managers wellbeing benefits diversity promotion promotions interviewers`,
  revenue: `revenue arr mrr deal deals pipeline sales pricing price prices contract contracts upsell
    expansion billing quota bookings margin profit acv subscription monetization plan plans`,
  security: `security secure vulnerability vulnerabilities breach breaches soc compliance audit
    pentest pen sso encryption backup backups gdpr phishing permissions privacy`,
  quality: `bug bugs defect defects testing coverage qa regression regressions flaky debt refactor
    refactoring`,
  product: `feature features ux usability activation adoption usage dau mau wau nps roadmap
    prototype discovery`,
  logistics: `delivery deliveries shipping warehouse logistics parcel parcels inventory fulfilment
    fulfillment carrier carriers stock courier dispatch`,
  payments: `checkout cart payment payments card cards pay invoice invoices`,
}

const CONCEPT_OF_STEM: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>()
  for (const [family, words] of Object.entries(FAMILIES)) {
    for (const word of words.split(/\s+/).filter((w) => w !== '')) {
      const stem = stemmer(word)
      const families = map.get(stem) ?? []
      if (!families.includes(family)) families.push(family)
      map.set(stem, families)
    }
  }
  return map
})()

/** Marks concept tags apart from stems, so a tag can never collide with a real word. */
export const CONCEPT_PREFIX = '#'

/**
 * The theme tags a set of stems points to, each once, sorted.
 *
 * @example
 * concepts(['churn', 'renew']) // ['#retention']
 */
export function concepts(stems: Iterable<string>): string[] {
  const tags = new Set<string>()
  for (const stem of stems) {
    for (const family of CONCEPT_OF_STEM.get(stem) ?? []) tags.add(`${CONCEPT_PREFIX}${family}`)
  }
  return [...tags].sort()
}
