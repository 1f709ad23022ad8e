/** The new order of ids after moving `id` to position `index` (clamped into the list). */
export function moveTo(ids: readonly string[], id: string, index: number): string[] {
  const rest = ids.filter((x) => x !== id)
  const at = Math.max(0, Math.min(rest.length, index))
  return [...rest.slice(0, at), id, ...rest.slice(at)]
}
