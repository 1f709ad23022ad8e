/**
 * The end-of-timer sound: three short tones made with WebAudio (no audio file to ship or load),
 * and each person's choice to mute it, kept on this device.
 */
import { readJson, writeJson, type KeyValueStore } from '../device/key-value'

const MUTED_KEY = 'stretchboard:timer-muted'

/** Whether this person muted the end sound; anything but a stored `true` means not muted. */
export function readMuted(store: KeyValueStore): boolean {
  return readJson(store, MUTED_KEY) === true
}

export function writeMuted(store: KeyValueStore, muted: boolean): void {
  writeJson(store, MUTED_KEY, muted)
}

/** The tones, as offsets in seconds from now and frequencies in Hz. */
const TONES: readonly (readonly [number, number])[] = [
  [0, 880],
  [0.25, 880],
  [0.5, 1175],
]

/**
 * Plays the end sound; returns false when this browser cannot (no WebAudio, or it refused). A
 * page nobody has interacted with may be held silent by the browser's autoplay rule.
 */
export function playEndSound(): boolean {
  const Context = globalThis.AudioContext as typeof AudioContext | undefined
  if (Context === undefined) return false
  try {
    const audio = new Context()
    const start = audio.currentTime
    for (const [offset, frequency] of TONES) {
      const tone = audio.createOscillator()
      const gain = audio.createGain()
      tone.frequency.value = frequency
      gain.gain.setValueAtTime(0.0001, start + offset)
      gain.gain.exponentialRampToValueAtTime(0.25, start + offset + 0.02)
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.2)
      tone.connect(gain).connect(audio.destination)
      tone.start(start + offset)
      tone.stop(start + offset + 0.22)
    }
    setTimeout(() => void audio.close(), 1_000)
    return true
  } catch {
    return false
  }
}
