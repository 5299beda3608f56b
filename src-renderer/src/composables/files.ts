/** Reading a chosen or dropped file for upload: the channels take file contents as base64, never a path. */

/** Bytes -> base64, in chunks (String.fromCharCode on a whole large file would overflow the stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** The file's first `limit` bytes (or all of it) as base64. */
export async function fileToBase64(file: Blob, limit = Infinity): Promise<string> {
  const part = Number.isFinite(limit) && file.size > limit ? file.slice(0, limit) : file;
  return bytesToBase64(new Uint8Array(await part.arrayBuffer()));
}

/** A download of bytes given as base64 (reports in browser mode). */
export function downloadBase64(base64: string, fileName: string, type: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
