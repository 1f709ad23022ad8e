import { describe, expect, it } from 'vitest'
import { updateKeyResult, updateObjective } from '../../../../core/board/commands/index'
import { readBoard } from '../../../../core/board/read'
import {
  isPlaceholderNumber,
  looseEnds,
  parseNumberInput,
  placeholderInTitle,
} from '../../../../client/facilitation/step-help/loose-ends-model'
import { ORIGIN, garbled, settingBoard, settingSnapshot } from './fixture'

describe('loose ends', () => {
  it('lists owners missing, missing and placeholder numbers and unmeasurable key results, in board order', () => {
    const ends = looseEnds(settingSnapshot())
    expect(ends.map((e) => [e.key, e.fix])).toEqual([
      ['objective-no-owner:o2', 'objective-owner'],
      ['no-owner:kr2', 'owner'],
      ['no-target:kr2', 'target'],
      ['placeholder-title:kr3', 'title'],
      ['placeholder-target:kr3', 'target'],
      ['start-equals-target:kr4', 'target'],
      ['no-metric:kr4', 'metric'],
      ['no-baseline:kr5', 'start'],
    ])
    expect(ends.find((e) => e.key === 'placeholder-title:kr3')?.current).toBe('Raise NPS to TBD')
    expect(ends.find((e) => e.key === 'placeholder-target:kr3')?.message).toBe(
      'The target 999 looks like a placeholder: firm it up.',
    )
    // The cancelled objective's key result (no owner, 0 → 0) is nobody's loose end.
    expect(ends.some((e) => e.id === 'kr6' || e.id === 'o3')).toBe(false)
  })

  it('drops each loose end once the command its field runs has fixed it', () => {
    const doc = settingBoard()
    updateObjective(doc, { id: 'o2', owner: 'Cy' }, ORIGIN)
    updateKeyResult(doc, { id: 'kr2', owner: 'Dee', target: 20, metric: 'teams onboarded' }, ORIGIN)
    updateKeyResult(doc, { id: 'kr3', title: 'Raise NPS to 45', target: 45 }, ORIGIN)
    updateKeyResult(doc, { id: 'kr4', target: 99.9, metric: 'uptime %' }, ORIGIN)
    updateKeyResult(doc, { id: 'kr5', start: 52000 }, ORIGIN)
    expect(looseEnds(readBoard(doc))).toEqual([])
  })

  it('flags a start that is a placeholder and an unknown baseline, but not both', () => {
    const doc = settingBoard()
    updateKeyResult(doc, { id: 'kr1', start: 12345 }, ORIGIN)
    const ends = looseEnds(readBoard(doc)).filter((e) => e.id === 'kr1' || e.id === 'kr5')
    expect(ends.map((e) => e.key)).toEqual(['placeholder-start:kr1', 'no-baseline:kr5'])
    expect(ends[0]?.current).toBe('12345')
  })

  it('reads a garbled snapshot without throwing', () => {
    const ends = looseEnds(garbled())
    const keys = ends.map((e) => e.key)
    expect(keys).toContain('objective-no-owner:o9')
    expect(keys).toContain('no-owner:g1')
    expect(keys).toContain('no-target:g1')
    expect(keys).toContain('placeholder-title:g2')
    expect(keys).toContain('no-target:g2')
    expect(looseEnds({ objectives: {}, keyResults: 'x' } as never)).toEqual([])
  })
})

describe('placeholders', () => {
  it('knows the numbers people type when they do not know yet', () => {
    for (const n of [999, 9999, -999, 1234, 12345, 123456])
      expect(isPlaceholderNumber(n)).toBe(true)
    for (const n of [0, 99, 100, 998, 1000, 45, 99.9, 123, NaN, '999'])
      expect(isPlaceholderNumber(n)).toBe(false)
  })

  it('finds placeholder words in a title, not ordinary words', () => {
    expect(placeholderInTitle('Raise NPS to TBD')).toBe('TBD')
    expect(placeholderInTitle('Grow revenue by X %')).toBe('X')
    expect(placeholderInTitle('Reach xx paying teams')).toBe('xx')
    expect(placeholderInTitle('Cut latency to ?? ms')).toBe('??')
    expect(placeholderInTitle('Win [number] customers')).toBe('[number]')
    expect(placeholderInTitle('todo: measure')).toBe('todo')
    for (const title of ['Ship X-ray support', 'Reach 40k users', 'Explore Xbox', 'Stay in Texas'])
      expect(placeholderInTitle(title)).toBeNull()
    expect(placeholderInTitle(null)).toBeNull()
    expect(placeholderInTitle(42)).toBeNull()
  })

  it('reads a typed number, grouping included, and nothing else', () => {
    expect(parseNumberInput(' 40,000 ')).toBe(40000)
    expect(parseNumberInput('1 250.5')).toBe(1250.5)
    expect(parseNumberInput('−12')).toBe(-12)
    expect(parseNumberInput('0')).toBe(0)
    for (const text of ['', 'abc', '12abc', '1e400', '1,2', '--1', '4O'])
      expect(parseNumberInput(text)).toBeNull()
  })
})
