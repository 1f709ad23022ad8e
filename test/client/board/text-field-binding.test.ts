/**
 * Two people typing into one title at once, each through a TextFieldBinding on their own copy
 * of the board: the text merges, each caret stays between the characters it was between, an
 * IME's composition is written once when it ends, and undo takes back a word at a time.
 * Runs without a browser: the field is a small stand-in with the members the binding uses.
 */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createObjective, editText } from '../../../core/board/commands/index'
import { getObjectiveTitle } from '../../../core/board/schema'
import { controllerOn } from '../fixtures/board-controller'
import { TextFieldBinding } from '../../../client/board/text-field-binding'

class FakeField {
  value = ''
  selectionStart = 0
  selectionEnd = 0
  selectionDirection: 'forward' | 'backward' | 'none' = 'none'
  private readonly listeners = new Map<string, () => void>()
  addEventListener(type: string, listener: () => void): void {
    this.listeners.set(type, listener)
  }
  removeEventListener(type: string): void {
    this.listeners.delete(type)
  }
  setSelectionRange(start: number, end: number): void {
    this.selectionStart = Math.min(start, this.value.length)
    this.selectionEnd = Math.min(end, this.value.length)
  }
  fire(type: string): void {
    this.listeners.get(type)?.()
  }
  /** One key typed at the caret, as a browser does it: new value, caret after it, `input`. */
  key(ch: string): void {
    const at = this.selectionEnd
    this.value = this.value.slice(0, this.selectionStart) + ch + this.value.slice(at)
    this.setSelectionRange(this.selectionStart + ch.length, this.selectionStart + ch.length)
    this.fire('input')
  }
  backspace(): void {
    const at = this.selectionEnd
    this.value = this.value.slice(0, at - 1) + this.value.slice(at)
    this.setSelectionRange(at - 1, at - 1)
    this.fire('input')
  }
}

const TITLE = 'Delight new customers in onboarding'

/** Two peers on one board, updates relayed at once (as the relay would, in order). */
function twoPeers() {
  const a = new Y.Doc()
  const b = new Y.Doc()
  createObjective(a, { id: 'o1', title: TITLE }, 'setup')
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a), 'relay')
  a.on(
    'update',
    (u: Uint8Array, origin: unknown) => origin !== 'relay' && Y.applyUpdate(b, u, 'relay'),
  )
  b.on(
    'update',
    (u: Uint8Array, origin: unknown) => origin !== 'relay' && Y.applyUpdate(a, u, 'relay'),
  )
  return { a, b }
}

function bind(doc: Y.Doc, who: string, accept?: (v: string) => boolean) {
  const origin = { user: who }
  const board = controllerOn(doc, who, origin)
  const field = new FakeField()
  const text = getObjectiveTitle(doc, 'o1')
  if (!text) throw new Error('no title')
  const refused: unknown[] = []
  const binding = new TextFieldBinding(field, {
    text,
    localOrigin: origin,
    singleLine: true,
    newUndoStep: () => board.newUndoStep(),
    ...(accept ? { accept } : {}),
    apply: (delta) => editText(doc, { collection: 'objectives', id: 'o1', delta }, origin),
    onRefused: (e) => refused.push(e),
  })
  return { field, board, binding, refused, text }
}

describe('TextFieldBinding with two typists', () => {
  it('merges typing at both ends, key by key, and keeps each caret where its person types', () => {
    const { a, b } = twoPeers()
    const ann = bind(a, 'ann')
    const bob = bind(b, 'bob')
    ann.field.setSelectionRange(TITLE.length, TITLE.length)
    bob.field.setSelectionRange(0, 0)
    const tail = ' this quarter'
    const head = 'Truly '
    for (let i = 0; i < tail.length; i++) {
      ann.field.key(tail.charAt(i))
      if (i < head.length) bob.field.key(head.charAt(i))
    }
    const want = `Truly ${TITLE} this quarter`
    expect(ann.text.toString()).toBe(want)
    expect(getObjectiveTitle(b, 'o1')?.toString()).toBe(want)
    expect(ann.field.value).toBe(want)
    expect(bob.field.value).toBe(want)
    expect(ann.field.selectionEnd).toBe(want.length)
    expect(bob.field.selectionStart).toBe(head.length)
    expect(bob.field.selectionEnd).toBe(head.length)
  })

  it('keeps a selection around the same words when a peer inserts before it', () => {
    const { a, b } = twoPeers()
    const ann = bind(a, 'ann')
    const bob = bind(b, 'bob')
    const from = TITLE.indexOf('customers')
    ann.field.setSelectionRange(from, from + 'customers'.length)
    bob.field.setSelectionRange(0, 0)
    bob.field.key('X')
    expect(ann.field.value.slice(ann.field.selectionStart, ann.field.selectionEnd)).toBe(
      'customers',
    )
  })

  it('lets a peer type at the same spot without pushing the caret along', () => {
    const { a, b } = twoPeers()
    const ann = bind(a, 'ann')
    const bob = bind(b, 'bob')
    ann.field.setSelectionRange(7, 7)
    bob.field.setSelectionRange(7, 7)
    bob.field.key('!')
    expect(ann.field.value).toBe('Delight! new customers in onboarding')
    expect(ann.field.selectionEnd).toBe(7)
  })
})

describe('TextFieldBinding with an IME', () => {
  it('writes nothing while composing and the composed text once it ends, past a peer’s edit', () => {
    const { a, b } = twoPeers()
    const ann = bind(a, 'ann')
    const bob = bind(b, 'bob')
    ann.field.setSelectionRange(TITLE.length, TITLE.length)
    ann.field.fire('compositionstart')
    ann.field.key(' k')
    ann.field.backspace()
    ann.field.key('か')
    expect(ann.text.toString()).toBe(TITLE)
    bob.field.setSelectionRange(0, 0)
    bob.field.key('Q')
    // The composing field is left alone: rewriting it would cancel the composition.
    expect(ann.field.value).toBe(`${TITLE} か`)
    ann.field.fire('compositionend')
    const want = `Q${TITLE} か`
    expect(ann.text.toString()).toBe(want)
    expect(bob.field.value).toBe(want)
    expect(ann.field.value).toBe(want)
    expect(ann.field.selectionEnd).toBe(want.length)
  })
})

describe('TextFieldBinding undo and refusals', () => {
  it('undoes a word at a time', () => {
    const { a } = twoPeers()
    const ann = bind(a, 'ann')
    ann.field.setSelectionRange(TITLE.length, TITLE.length)
    for (const ch of ' this quarter') ann.field.key(ch)
    ann.board.undo()
    expect(ann.field.value).toBe(`${TITLE} this `)
    ann.board.undo()
    expect(ann.field.value).toBe(`${TITLE} `)
    ann.board.redo()
    expect(ann.text.toString()).toBe(`${TITLE} this `)
  })

  it('keeps a value the caller refuses in the field and merges it with peers’ edits later', () => {
    const { a, b } = twoPeers()
    const ann = bind(a, 'ann', (v) => v.trim() !== '')
    const bob = bind(b, 'bob')
    ann.field.value = ''
    ann.field.setSelectionRange(0, 0)
    ann.field.fire('input')
    expect(ann.text.toString()).toBe(TITLE)
    bob.field.setSelectionRange(TITLE.length, TITLE.length)
    bob.field.key('!')
    expect(ann.field.value).toBe('')
    ann.field.key('N')
    // Ann replaced the title she saw; Bob's "!" came after it and is kept.
    expect(ann.text.toString()).toBe('N!')
    expect(bob.field.value).toBe('N!')
    expect(ann.field.value).toBe('N!')
    expect(ann.field.selectionEnd).toBe(1)
  })

  it('reports a refused edit (the objective is gone) and cleans what the command drops', () => {
    const { a } = twoPeers()
    const ann = bind(a, 'ann')
    ann.field.setSelectionRange(TITLE.length, TITLE.length)
    ann.field.key('\u200b')
    expect(ann.field.value).toBe(TITLE)
    ann.field.key('x'.repeat(2000))
    expect(ann.refused).toHaveLength(1)
    expect(ann.text.toString()).toBe(TITLE)
  })

  it('stops following the text once destroyed', () => {
    const { a, b } = twoPeers()
    const ann = bind(a, 'ann')
    const bob = bind(b, 'bob')
    ann.binding.destroy()
    bob.field.key('Z')
    expect(ann.field.value).toBe(TITLE)
  })
})
