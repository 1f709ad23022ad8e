/** Hands a generated file to the browser as a download. */
export function downloadText(filename: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  document.body.append(link)
  link.click()
  link.remove()
  // The click has started the download by now; the URL only has to outlive this task.
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** A file name from the board title: letters, digits and dashes only. */
export function fileStem(title: string): string {
  const stem = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  return stem.slice(0, 60) || 'okrs'
}
