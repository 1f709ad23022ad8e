import { describe, expect, it } from 'vitest'
import { dataUrlBlob } from '../../../client/canvas/canvas-api'

describe('dataUrlBlob', () => {
  it('decodes a base64 PNG data URL without fetch (the CSP forbids fetching data: URLs)', async () => {
    const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255)
    const url = `data:image/png;base64,${Buffer.from(png).toString('base64')}`
    const blob = dataUrlBlob(url)
    expect(blob.type).toBe('image/png')
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(png)
  })

  it('decodes a percent-encoded data URL', async () => {
    const blob = dataUrlBlob('data:text/plain,a%20b')
    expect(blob.type).toBe('text/plain')
    expect(await blob.text()).toBe('a b')
  })
})
