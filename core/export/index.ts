// Exports of a board's OKR set: one model (report.ts) and its renderings.
export * from './format'
export * from './schedule'
export * from './export-model'
export * from './markdown'
export * from './csv'
export * from './ical'
