import { describe, expect, it } from 'vitest'
import { afterParse, shownText, withError } from '../../../client/okr/field-errors'
import { FieldForm } from '../../../client/okr/field-form'
import { enumOptions } from '../../../client/okr/editor-fields'
import { parseAnyText, parseNumberInput, parseTitle } from '../../../client/okr/parse-input'

function host(): { updates: number; requestUpdate: () => void } {
  const h = {
    updates: 0,
    requestUpdate: () => {
      h.updates++
    },
  }
  return h
}

describe('field errors', () => {
  it('keeps the typed text of a value that did not parse, and drops it once one does', () => {
    const bad = afterParse(new Map(), 'target', 'lots', parseNumberInput('lots'))
    expect(bad.get('target')).toEqual({ text: 'lots', message: '"lots" is not a number.' })
    expect(shownText(bad, 'target', '200')).toBe('lots')
    const good = afterParse(bad, 'target', '170', parseNumberInput('170'))
    expect(good.size).toBe(0)
    expect(shownText(good, 'target', '170')).toBe('170')
    expect(withError(bad, 'other', null).get('target')?.text).toBe('lots')
  })
})

describe('the field form contract', () => {
  it('writes a good value at once and keeps a bad one with its message', () => {
    const h = host()
    const form = new FieldForm(h)
    const written: (string | null)[] = []
    const title = parseTitle('A key result needs a title.')
    form.commit('title', '  ', title, (v) => written.push(v))
    expect(written).toEqual([])
    expect(form.invalid('title')).toBe(true)
    expect(form.shown('title', 'Old')).toBe('  ')
    expect(form.error('title')).not.toBeNull()
    form.commit('title', 'New', title, (v) => written.push(v))
    expect(written).toEqual(['New'])
    expect(form.invalid('title')).toBe(false)
    expect(form.shown('title', 'New')).toBe('New')
    expect(form.error('title')).toBeNull()
    expect(h.updates).toBe(2)
  })

  it('parses titles and free text', () => {
    expect(parseTitle('needs one')(' ')).toEqual({ ok: false, message: 'needs one' })
    expect(parseTitle('needs one')(' x ')).toEqual({ ok: true, value: ' x ' })
    expect(parseAnyText('')).toEqual({ ok: true, value: '' })
  })

  it('labels enum options with their own words unless given better ones', () => {
    expect(enumOptions(['a', 'b'] as const)).toEqual([
      { value: 'a', label: 'a' },
      { value: 'b', label: 'b' },
    ])
    expect(enumOptions(['a'] as const, { a: 'Alpha' })).toEqual([{ value: 'a', label: 'Alpha' }])
  })
})
