import { describe, expect, it } from 'vitest'
import { addressKey, clientAddress } from '../../server/http/client-address'

describe('clientAddress', () => {
  it('is the socket address unless proxies are trusted', () => {
    expect(clientAddress('10.0.0.5', '203.0.113.7', 0)).toBe('10.0.0.5')
    expect(clientAddress(undefined, undefined, 0)).toBe('unknown')
  })

  it('takes the entry the outermost trusted proxy wrote, never one the client wrote', () => {
    expect(clientAddress('10.0.0.5', '203.0.113.7', 1)).toBe('203.0.113.7')
    expect(clientAddress('10.0.0.5', '6.6.6.6, 203.0.113.7', 1)).toBe('203.0.113.7')
    expect(clientAddress('10.0.0.5', '6.6.6.6, 203.0.113.7, 10.0.0.9', 2)).toBe('203.0.113.7')
    expect(clientAddress('10.0.0.5', ['6.6.6.6', '203.0.113.7'], 1)).toBe('203.0.113.7')
  })

  it('falls back to the socket on junk', () => {
    expect(clientAddress('10.0.0.5', 'not-an-address', 1)).toBe('10.0.0.5')
    expect(clientAddress('10.0.0.5', ' , ', 1)).toBe('10.0.0.5')
  })
})

describe('addressKey', () => {
  it('counts IPv4-mapped IPv6 as IPv4, and IPv6 per /64', () => {
    expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1')
    expect(addressKey('192.0.2.1')).toBe('192.0.2.1')
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64')
    expect(addressKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64')
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(addressKey('::1')).toBe('0:0:0:0::/64')
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64')
    expect(addressKey('unknown')).toBe('unknown')
  })
})
