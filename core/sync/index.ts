export * from './update-errors'
export * from './scan-update'
export * from './check-update'
export * from './prune-deep'
