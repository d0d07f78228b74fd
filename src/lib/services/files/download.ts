/** Saves text as a file on this device: a Blob, an object URL and a click (nothing is sent). */
export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "emotion-sessions-2025-01-15" */
export const exportName = (what: string, now = new Date()) =>
  `emotion-${what}-${now.toISOString().slice(0, 10)}`;
