/**
 * OKR routes over the server's copy of a board: conversion (board → draft OKR set) and exports
 * with every figure computed by core/okr. Wired once core/board and core/convert land.
 */
import { Hono } from 'hono'
import type { AppDeps, AppEnv } from './deps'

export function okrRoutes(_deps: AppDeps): Hono<AppEnv> {
  return new Hono<AppEnv>()
}
