/**
 * The files the export panel offers, named from the board's title, and the address of the
 * check-in reminder feed a calendar can subscribe to.
 */
import { toCsv } from '../../core/export/csv'
import { toMarkdown } from '../../core/export/markdown'
import type { OkrExport } from '../../core/export/export-model'
import { fileStem } from './download'

export type ExportKind = 'markdown' | 'csv' | 'json'

export interface ExportFile {
  readonly name: string
  readonly type: string
  readonly text: string
}

export function exportFile(data: OkrExport, kind: ExportKind): ExportFile {
  const stem = fileStem(data.board.title)
  switch (kind) {
    case 'markdown':
      return {
        name: `${stem}-okrs.md`,
        type: 'text/markdown;charset=utf-8',
        text: toMarkdown(data),
      }
    case 'csv':
      return { name: `${stem}-okrs.csv`, type: 'text/csv;charset=utf-8', text: toCsv(data) }
    case 'json':
      return {
        name: `${stem}-okrs.json`,
        type: 'application/json',
        text: JSON.stringify(data, null, 2) + '\n',
      }
  }
}

/**
 * The reminder feed's path, and its full address when a view token is known. Only a view token
 * goes into it: calendar apps store the URL, and an edit token there would hand out editing to
 * anyone who sees the subscription.
 */
export function reminderFeed(
  origin: string,
  boardId: string,
  viewToken: string | null,
): { readonly path: string; readonly url: string | null } {
  const path = `/api/boards/${encodeURIComponent(boardId)}/reminders.ics`
  return {
    path,
    url: viewToken === null ? null : `${origin}${path}?token=${encodeURIComponent(viewToken)}`,
  }
}
