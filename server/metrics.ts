/**
 * Counters and gauges rendered in the Prometheus text format (version 0.0.4). Hand-written
 * because the format is a dozen lines and the only consumer is /metrics; a client library
 * would add a dependency and a global registry for no gain.
 */

export const REJECT_REASONS = [
  'text-frame',
  'malformed',
  'read-only',
  'awareness-too-large',
  'awareness-foreign-client',
  'awareness-too-many-clients',
  'awareness-room-full',
  'oversized-frame',
  'slow-reader',
  'unauthorized',
  'bad-origin',
  'rate-limited',
  'address-connections',
  'board-connections-full',
  'board-full',
  'board-too-large',
  'board-read-only',
  'board-busy',
  'update-refused',
  'sync-flood',
] as const
export type RejectReason = (typeof REJECT_REASONS)[number]

export interface Gauges {
  readonly boardsLoaded: number
  readonly connections: number
  readonly unsavedUpdates: number
  readonly bytesStored: number
  readonly updateRows: number
  readonly boardsStored: number
  /** Loaded boards whose doc no longer matches what is stored (Room.consistent). */
  readonly roomsInconsistent: number
}

export class Metrics {
  messagesIn = 0
  messagesOut = 0
  bytesIn = 0
  bytesOut = 0
  updatesStored = 0
  storageFailures = 0
  compactions = 0
  compactionFailures = 0
  connectionsOpened = 0
  /** Rooms closed and reloaded from storage after a throw inside Yjs. */
  roomsReloaded = 0
  /** Client updates big enough to be applied in slices. */
  slicedUpdates = 0
  readonly rejected = new Map<RejectReason, number>(REJECT_REASONS.map((r) => [r, 0]))

  reject(reason: RejectReason): void {
    this.rejected.set(reason, (this.rejected.get(reason) ?? 0) + 1)
  }

  render(gauges: Gauges): string {
    const out: string[] = []
    for (const [name, type, help, value] of [...gaugeSeries(gauges), ...counterSeries(this)]) {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, `${name} ${value}`)
    }
    out.push(
      '# HELP stretchboard_rejected_messages_total Inbound messages or upgrades refused, by reason.',
      '# TYPE stretchboard_rejected_messages_total counter',
    )
    for (const [reason, count] of this.rejected) {
      out.push(`stretchboard_rejected_messages_total{reason="${reason}"} ${count}`)
    }
    return out.join('\n') + '\n'
  }
}

/** One metric as /metrics lists it: name, type, help text, value. */
type Series = readonly [name: string, type: 'counter' | 'gauge', help: string, value: number]

/** The node's state now, asked of the relay and the store at each scrape. */
function gaugeSeries(g: Gauges): Series[] {
  return [
    ['stretchboard_boards_loaded', 'gauge', 'Boards held in memory.', g.boardsLoaded],
    ['stretchboard_connections', 'gauge', 'Open websocket connections.', g.connections],
    ['stretchboard_boards_stored', 'gauge', 'Boards in storage.', g.boardsStored],
    ['stretchboard_bytes_stored', 'gauge', 'Bytes of Yjs data in storage.', g.bytesStored],
    ['stretchboard_update_rows', 'gauge', 'Update rows not yet compacted.', g.updateRows],
    [
      'stretchboard_unsaved_updates',
      'gauge',
      'Updates held in memory because storage failed; non-zero means data is at risk.',
      g.unsavedUpdates,
    ],
    [
      'stretchboard_rooms_inconsistent',
      'gauge',
      'Loaded boards whose doc no longer matches storage; non-zero means a board needs a reload.',
      g.roomsInconsistent,
    ],
  ]
}

/** What happened since the process started. */
function counterSeries(m: Metrics): Series[] {
  return [
    [
      'stretchboard_rooms_reloaded_total',
      'counter',
      'Boards closed (1011) and reloaded from storage after an update failed inside Yjs.',
      m.roomsReloaded,
    ],
    [
      'stretchboard_sliced_updates_total',
      'counter',
      'Client updates applied in slices to keep the event loop free.',
      m.slicedUpdates,
    ],
    ['stretchboard_connections_opened_total', 'counter', 'Sockets accepted.', m.connectionsOpened],
    ['stretchboard_messages_in_total', 'counter', 'Websocket messages received.', m.messagesIn],
    ['stretchboard_messages_out_total', 'counter', 'Websocket messages sent.', m.messagesOut],
    ['stretchboard_bytes_in_total', 'counter', 'Websocket bytes received.', m.bytesIn],
    ['stretchboard_bytes_out_total', 'counter', 'Websocket bytes sent.', m.bytesOut],
    [
      'stretchboard_updates_stored_total',
      'counter',
      'Appends that became durable.',
      m.updatesStored,
    ],
    [
      'stretchboard_storage_failures_total',
      'counter',
      'Storage writes that failed and are being retried.',
      m.storageFailures,
    ],
    ['stretchboard_compactions_total', 'counter', 'Compactions done.', m.compactions],
    [
      'stretchboard_compaction_failures_total',
      'counter',
      'Compactions that failed (retried later).',
      m.compactionFailures,
    ],
  ]
}
