/** The OKR workspace's tabs, in the order they show, with their names. */
export const OKR_TABS = [
  ['dashboard', 'Dashboard'],
  ['convert', 'Convert'],
  ['editor', 'Editor'],
  ['quality', 'Quality'],
  ['checkins', 'Check-ins'],
  ['export', 'Export'],
  ['retro', 'Retrospective'],
] as const

export type OkrTab = (typeof OKR_TABS)[number][0]
