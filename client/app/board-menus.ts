/** The top bar's two menus: the capability links to share, and the ways to export the board. */
import { html, type TemplateResult } from 'lit'

export type BoardMenu = 'share' | 'export'

export interface ShareLinks {
  readonly edit: string
  readonly view: string
}

interface MenuState {
  readonly open: BoardMenu | null
  readonly toggle: (menu: BoardMenu) => void
}

/** A top-bar button that opens its popover below it; one menu is open at a time. */
function menu(state: MenuState, name: BoardMenu, label: string, popover: () => TemplateResult) {
  const open = state.open === name
  return html`<div class="menu">
    <button
      aria-expanded=${open ? 'true' : 'false'}
      data-testid=${`${name}-button`}
      @click=${() => state.toggle(name)}
    >
      ${label}
    </button>
    ${open ? popover() : null}
  </div>`
}

export function shareMenu(state: MenuState, links: ShareLinks) {
  return menu(
    state,
    'share',
    'Share',
    () =>
      html`<div class="popover" role="dialog" aria-label="Share links">
        <label for="edit-link">Edit link: anyone with it can change the board</label>
        <input id="edit-link" readonly .value=${links.edit} data-share="edit" @focus=${select} />
        <label for="view-link">View link: read-only, sees presence</label>
        <input id="view-link" readonly .value=${links.view} data-share="view" @focus=${select} />
      </div>`,
  )
}

export interface ExportActions {
  readonly png: () => void
  readonly file: () => void
}

export function exportMenu(state: MenuState, actions: ExportActions) {
  return menu(
    state,
    'export',
    'Export',
    () =>
      html`<div class="popover" role="menu">
        <button role="menuitem" data-testid="export-png" @click=${actions.png}>
          Board as PNG image
        </button>
        <button role="menuitem" data-testid="export-file" @click=${actions.file}>
          Board file (import it into a new board from the home page)
        </button>
      </div>`,
  )
}

/** A link field selects itself, so copying it is one keystroke. */
function select(event: FocusEvent): void {
  ;(event.target as HTMLInputElement).select()
}
