/**
 * Everything a participant's browser holds or received, gathered for the private-brainstorm
 * browser test (docs/private-brainstorm.md): the page's text (shadow roots and field values
 * included), its JavaScript heap, every IndexedDB database's contents and every websocket frame.
 * The test asks each whether it contains a secret; nothing here ever sends the secret to the
 * page, so finding it means the app put it there.
 */
import type { BrowserContext, Page } from 'playwright-core'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'

/** Collects every websocket frame the page receives from now on (the board and private room). */
export function recordFrames(page: Page): Buffer[] {
  const frames: Buffer[] = []
  page.on('websocket', (ws) => {
    ws.on('framereceived', ({ payload }) => {
      frames.push(typeof payload === 'string' ? Buffer.from(payload) : Buffer.from(payload))
    })
  })
  return frames
}

/** The text of the page and of every shadow root in it, with every field's value. */
export function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = []
    const walk = (root: Document | ShadowRoot): void => {
      for (const el of root.querySelectorAll('*')) {
        if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)
          parts.push(el.value)
        if (el.shadowRoot) {
          parts.push(el.shadowRoot.textContent ?? '')
          walk(el.shadowRoot)
        }
      }
    }
    parts.push(document.documentElement.outerHTML)
    walk(document)
    return parts.join('\n')
  })
}

/** A heap snapshot of the page: every string its JavaScript can reach (or has not freed). */
export async function heapSnapshot(context: BrowserContext, page: Page): Promise<string> {
  const cdp = await context.newCDPSession(page)
  const chunks: string[] = []
  cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk))
  await cdp.send('HeapProfiler.enable')
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  await cdp.detach()
  return chunks.join('')
}

export interface StoredDatabase {
  readonly name: string
  /** Every value of every object store, binary values as they are. */
  readonly values: Buffer[]
}

/** Every IndexedDB database of the page's origin, read whole. */
export async function indexedDbContents(page: Page): Promise<StoredDatabase[]> {
  const raw = await page.evaluate(async () => {
    const toBase64 = (bytes: Uint8Array): string => {
      let binary = ''
      for (const byte of bytes) binary += String.fromCharCode(byte)
      return btoa(binary)
    }
    const encode = (value: unknown): string =>
      value instanceof Uint8Array
        ? toBase64(value)
        : value instanceof ArrayBuffer
          ? toBase64(new Uint8Array(value))
          : toBase64(new TextEncoder().encode(JSON.stringify(value) ?? ''))
    const request = <T>(r: IDBRequest<T>): Promise<T> =>
      new Promise((resolve, reject) => {
        r.onsuccess = () => resolve(r.result)
        r.onerror = () => reject(r.error)
      })
    const out: { name: string; values: string[] }[] = []
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue
      const open = indexedDB.open(info.name)
      const db = await request(open)
      const values: string[] = []
      for (const store of db.objectStoreNames) {
        const all = await request(db.transaction(store).objectStore(store).getAll())
        values.push(...all.map(encode))
        const keys = await request(db.transaction(store).objectStore(store).getAllKeys())
        values.push(...keys.map(encode))
      }
      db.close()
      out.push({ name: info.name, values })
    }
    return out
  })
  return raw.map(({ name, values }) => ({
    name,
    values: values.map((v) => Buffer.from(v, 'base64')),
  }))
}

/** A y-indexeddb database's updates merged into one document. */
export function docFromStored(database: StoredDatabase): Y.Doc {
  const doc = new Y.Doc()
  for (const value of database.values) {
    try {
      Y.applyUpdate(doc, value)
    } catch {
      // Keys and the `custom` store are not updates.
    }
  }
  return doc
}

/** The Yjs updates inside y-websocket frames (sync step 2 and updates), merged into one doc. */
export function docFromFrames(frames: readonly Buffer[]): Y.Doc {
  const doc = new Y.Doc()
  for (const frame of frames) {
    try {
      const decoder = decoding.createDecoder(new Uint8Array(frame))
      if (decoding.readVarUint(decoder) !== 0) continue
      const kind = decoding.readVarUint(decoder)
      if (kind !== 1 && kind !== 2) continue
      Y.applyUpdate(doc, decoding.readVarUint8Array(decoder))
    } catch {
      // A frame from another protocol or a room this doc is not: not an update to merge.
    }
  }
  return doc
}

/** Whether any of the buffers contains `secret` as UTF-8 bytes. */
export function anyContains(buffers: readonly Buffer[], secret: string): boolean {
  const needle = Buffer.from(secret, 'utf8')
  return buffers.some((b) => b.includes(needle))
}
