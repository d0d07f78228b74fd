/** The photo formats the app reads, told apart by their first bytes rather than by name or MIME type. */
export type PhotoFormat = 'jpeg' | 'png' | 'webp';

export const ACCEPTED_TYPES = 'image/jpeg,image/png,image/webp';

export function sniffPhotoFormat(head: Uint8Array): PhotoFormat | null {
  const starts = (bytes: number[], offset = 0) => bytes.every((b, i) => head[offset + i] === b);
  if (starts([0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  return null;
}

export class PhotoError extends Error {}

/**
 * Opens a user's file as a bitmap, or explains in plain words why it cannot. The bitmap is
 * decoded on the page (the browser's own decoders) and then handed to the worker.
 */
export async function openPhoto(file: Blob & { name?: string }): Promise<ImageBitmap> {
  const name = file.name ? `"${file.name}"` : 'This file';
  if (file.size === 0) throw new PhotoError(`${name} is empty.`);
  const format = sniffPhotoFormat(new Uint8Array(await file.slice(0, 16).arrayBuffer()));
  if (!format) throw new PhotoError(`${name} is not a JPEG, PNG or WebP photo.`);
  try {
    return await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new PhotoError(
      `${name} looks like a ${format.toUpperCase()} file but could not be decoded; it may be damaged or incomplete.`,
    );
  }
}
