/**
 * This device's wall clock, the one place the client reads it. The board controller takes it
 * for its minute tick; the shared countdown and new notes' timestamps need the second, which
 * the controller's minute-stepped `now` cannot give.
 */
import type { EpochMs } from '../../core/okr/okr-model'

export type Clock = () => EpochMs

export const deviceClock: Clock = () => Date.now() as EpochMs
