/**
 * The inline editor stays in step with a document that refuses some characters: the core text
 * commands drop controls and invisible characters, so what the textarea shows must follow what
 * the Y.Text holds, or the next splice would be measured against text the document never had.
 * Runs without a browser: the textarea is a small stand-in with the members the editor uses.
 */
import * as Y from 'yjs'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createGroup, createNote, editText } from '../../../core/board/commands/index'
import { getNoteText } from '../../../core/board/schema'
import { readNote } from '../../../core/board/read'
import type { TextRoot } from '../../../core/board/schema'
import type { EpochMs } from '../../../core/okr/okr-model'
import { deleteNotes } from '../../../core/board/commands/notes'
import { controllerOn } from '../fixtures/board-controller'
import { InlineEditor, openTextEditor } from '../../../client/board/note-text-binding'

class FakeTextarea {
  value = ''
  selectionStart = 0
  selectionEnd = 0
  className = ''
  spellcheck = false
  readonly style = { setProperty: () => undefined }
  private readonly listeners = new Map<string, () => void>()
  setAttribute(): void {}
  focus(): void {}
  remove(): void {}
  addEventListener(type: string, listener: () => void): void {
    this.listeners.set(type, listener)
  }
  removeEventListener(type: string): void {
    this.listeners.delete(type)
  }
  /** Like a browser, clamps the selection to the value. */
  setSelectionRange(start: number, end: number): void {
    this.selectionStart = Math.min(start, this.value.length)
    this.selectionEnd = Math.min(end, this.value.length)
  }
  /** What a browser does when the user types or pastes: new value, caret, then `input`. */
  type(value: string, caret = value.length): void {
    this.value = value
    this.setSelectionRange(caret, caret)
    this.listeners.get('input')?.()
  }
}

const ORIGIN = { user: 'ann' }
let textarea: FakeTextarea

beforeEach(() => {
  textarea = new FakeTextarea()
  vi.stubGlobal('document', { createElement: () => textarea })
})

afterEach(() => {
  vi.unstubAllGlobals()
})

function open(doc: Y.Doc, collection: TextRoot, id: string, text: Y.Text) {
  const closed = { value: false }
  new InlineEditor({ append: () => undefined } as unknown as ParentNode, {
    text,
    localOrigin: ORIGIN,
    singleLine: collection !== 'notes',
    apply: (delta) => editText(doc, { collection, id, delta }, ORIGIN),
    onClose: () => {
      closed.value = true
    },
  })
  return closed
}

function noteBoard(text: string) {
  const doc = new Y.Doc()
  createNote(doc, { id: 'n1', x: 0, y: 0, author: 'ann', createdAt: 1 as EpochMs, text }, 'setup')
  const ytext = getNoteText(doc, 'n1')
  if (!ytext) throw new Error('no note text')
  return { doc, ytext }
}

describe('InlineEditor with text the document refuses', () => {
  it('drops a pasted zero-width space from the textarea and keeps typing in step', () => {
    const { doc, ytext } = noteBoard('ab')
    const closed = open(doc, 'notes', 'n1', ytext)
    textarea.type('ab\u200b')
    expect(readNote(doc, 'n1')?.text).toBe('ab')
    expect(textarea.value).toBe('ab')
    expect(textarea.selectionEnd).toBe(2)
    textarea.type('abc')
    expect(readNote(doc, 'n1')?.text).toBe('abc')
    expect(closed.value).toBe(false)
  })

  it('shows what the document kept when a paste mixes text with a bidi override', () => {
    const { doc, ytext } = noteBoard('ab')
    open(doc, 'notes', 'n1', ytext)
    textarea.type('aX\u202eYb', 4)
    expect(readNote(doc, 'n1')?.text).toBe('aXYb')
    expect(textarea.value).toBe('aXYb')
    expect(textarea.selectionEnd).toBe(3)
    textarea.type('aXYZb', 4)
    expect(readNote(doc, 'n1')?.text).toBe('aXYZb')
  })

  it('turns a pasted line break in a frame title into a space', () => {
    const doc = new Y.Doc()
    createGroup(doc, { id: 'g1', x: 0, y: 0, title: 'Retention' }, 'setup')
    const title = (doc.getMap('groups').get('g1') as Y.Map<unknown>).get('title') as Y.Text
    open(doc, 'groups', 'g1', title)
    textarea.type('Retention\nQ3')
    expect(title.toString()).toBe('Retention Q3')
    expect(textarea.value).toBe('Retention Q3')
  })
})

describe('openTextEditor', () => {
  const controllerOf = (doc: Y.Doc) => controllerOn(doc, 'ann', ORIGIN)
  const parent = { append: () => undefined } as unknown as ParentNode

  it('binds a note’s text: typing edits the document as this session', () => {
    const { doc } = noteBoard('ab')
    const board = controllerOf(doc)
    const editor = openTextEditor(board, parent, { collection: 'notes', id: 'n1' }, () => undefined)
    expect(editor?.textarea).toBe(textarea)
    textarea.type('abc')
    expect(readNote(doc, 'n1')?.text).toBe('abc')
    board.undo()
    expect(readNote(doc, 'n1')?.text).toBe('ab')
  })

  it('opens nothing for a note that is gone', () => {
    const { doc } = noteBoard('ab')
    const editor = openTextEditor(
      controllerOf(doc),
      parent,
      { collection: 'notes', id: 'nope' },
      () => undefined,
    )
    expect(editor).toBeNull()
  })

  it('closes when a peer deletes the note being typed in, instead of raising a notice', () => {
    const { doc } = noteBoard('ab')
    const board = controllerOf(doc)
    let closed = false
    openTextEditor(board, parent, { collection: 'notes', id: 'n1' }, () => (closed = true))
    deleteNotes(doc, { ids: ['n1'] }, 'peer')
    textarea.type('abc')
    expect(closed).toBe(true)
    expect(board.notice).toBeNull()
  })
})
