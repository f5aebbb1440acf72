import { describe, expect, it } from 'vitest'
import { readTar, writeTar } from './tar'
import { folderFiles } from './format'

describe('tar', () => {
  it('round-trips a problem folder', () => {
    const files = { 'problem.json': '{"title": "Ünïcode"}\n', 'solutions/solution.py': 'x'.repeat(700), 'statement.md': '' }
    const tar = writeTar('two-sum', files, 1700000000)
    expect(tar.length % 512).toBe(0)
    const back = folderFiles(readTar(tar))
    expect(back).toEqual({ slug: 'two-sum', files })
  })

  it('writes a valid header checksum', () => {
    const h = writeTar('a', { b: 'c' }).subarray(0, 512)
    const stored = parseInt(new TextDecoder().decode(h.subarray(148, 156)).replace(/\0.*$/s, '').trim(), 8)
    const copy = new Uint8Array(h)
    copy.fill(32, 148, 156)
    expect(stored).toBe(copy.reduce((s, b) => s + b, 0))
  })
})
