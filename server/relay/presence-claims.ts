/**
 * What a presence state may say about its author. A capability link proves one thing, its role,
 * so the relay stamps that role on every state it accepts (`user.role`, overwriting whatever the
 * client sent). A display name is whatever the person typed: a role dressed up as a badge in it
 * ("Ann (facilitator)", "Bob［host］") is taken out, so the only role anyone sees is the stamped
 * one. Adding a role (issue 15's 'facilitate') needs no change here: the stamp copies the
 * connection's role as it is.
 */

/**
 * Words that read as a rank when bracketed after a name. Matched as whole words of the bracket's
 * content, or as all of its letters run together ("(f.a.c.i.l.i.t.a.t.o.r)", "(view only)").
 */
const ROLE_WORDS = new Set([
  'admin',
  'administrator',
  'chair',
  'cohost',
  'edit',
  'editor',
  'facilitate',
  'facilitation',
  'facilitator',
  'host',
  'lead',
  'leader',
  'manager',
  'mod',
  'moderator',
  'official',
  'organiser',
  'organizer',
  'owner',
  'presenter',
  'readonly',
  'staff',
  'verified',
  'view',
  'viewer',
  'viewonly',
])

/**
 * Letters from other scripts that look like Latin ones (after lower-casing), for the words above:
 * "(fасilitator)" with Cyrillic а and с. NFKD already folds fullwidth and styled letters and
 * splits accents off, which are then dropped.
 */
const LOOKALIKES: Readonly<Record<string, string>> = {
  а: 'a',
  с: 'c',
  ԁ: 'd',
  е: 'e',
  һ: 'h',
  і: 'i',
  ј: 'j',
  ӏ: 'l',
  о: 'o',
  р: 'p',
  ѕ: 's',
  у: 'y',
  х: 'x',
  ɡ: 'g',
  α: 'a',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
}

/**
 * Opening and closing brackets of every script: Unicode's open/close and initial/final quote
 * punctuation (fullwidth （）, 【】, ❨❩, ⁽⁾, «» …) plus < >, which Unicode files as maths.
 * A group left open at the end of the name counts too ("Ann (facilitator").
 */
const BRACKET_GROUP = /[\p{Ps}\p{Pi}<]([^\p{Ps}\p{Pe}\p{Pi}\p{Pf}<>]*)(?:[\p{Pe}\p{Pf}>]|$)/gu

/** Characters that draw nothing (zero-width, direction marks) or only decorate (accents). */
const INVISIBLE = /^[\p{Cf}\p{Mn}\p{Me}]$/u

/** Names are shown in 40 characters (client); the tail is cut so scrubbing stays cheap. */
export const MAX_NAME_CHARS = 256

/** Shown when the whole name was a role claim. */
const FALLBACK_NAME = 'Guest'

/**
 * @example
 * scrubRoleClaims('Ann (facilitator)') // 'Ann'
 * scrubRoleClaims('Bob （ｈｏｓｔ） Smith') // 'Bob Smith'
 * scrubRoleClaims('Carla (Berlin)') // 'Carla (Berlin)'
 */
export function scrubRoleClaims(name: string): string {
  const all = Array.from(name)
  const points = all.length > MAX_NAME_CHARS ? all.slice(0, MAX_NAME_CHARS) : all
  // Matched on a folded copy; `source[i]` is the code point that folded index i came from, so
  // the cut is made in the original and an innocent name keeps its exact spelling.
  let folded = ''
  const source: number[] = []
  points.forEach((point, i) => {
    const f = fold(point)
    folded += f
    for (let k = 0; k < f.length; k++) source.push(i)
  })
  const cut: [number, number][] = []
  for (const match of folded.matchAll(BRACKET_GROUP)) {
    if (!claimsRole(match[1] ?? '')) continue
    const start = match.index
    const end = start + match[0].length
    cut.push([source[start] ?? points.length, (source[end - 1] ?? points.length - 1) + 1])
  }
  if (cut.length === 0) return points === all ? name : points.join('')
  const kept = points.filter((_, i) => !cut.some(([from, to]) => i >= from && i < to))
  const cleaned = kept.join('').replace(/\s+/gu, ' ').trim()
  return cleaned === '' ? FALLBACK_NAME : cleaned
}

/**
 * Overwrites `user.role` with the connection's role and scrubs role claims from `user.name`.
 * A state without a `user` object has nothing a reader would show as a person, so it is left be.
 */
export function stampPresence(state: Record<string, unknown>, role: string): void {
  const user = state['user']
  if (typeof user !== 'object' || user === null || Array.isArray(user)) return
  const fields = user as Record<string, unknown>
  if (typeof fields['name'] === 'string') fields['name'] = scrubRoleClaims(fields['name'])
  fields['role'] = role
}

function fold(point: string): string {
  if (INVISIBLE.test(point)) return ''
  let out = ''
  for (const ch of point.normalize('NFKD').toLowerCase()) {
    out += INVISIBLE.test(ch) ? '' : (LOOKALIKES[ch] ?? ch)
  }
  return out
}

function claimsRole(content: string): boolean {
  const words = content.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '')
  return words.some((w) => ROLE_WORDS.has(w)) || ROLE_WORDS.has(words.join(''))
}
