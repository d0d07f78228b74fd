import {
  HEADER_BYTES,
  otherImageType,
  photoSize,
  sizeProblem,
  sniffPhotoFormat,
} from '../../domain/photo/image-size';

export { sniffPhotoFormat, type PhotoFormat } from '../../domain/photo/image-size';

export const ACCEPTED_TYPES = 'image/jpeg,image/png,image/webp';

export class PhotoError extends Error {}

/**
 * Opens a user's file as a bitmap, or explains in plain words why it cannot. The bitmap is
 * decoded on the page (the browser's own decoders) and then handed to the worker; the header is
 * read first, so that a photo too large to decode is refused before it is decoded.
 */
export async function openPhoto(file: Blob & { name?: string }): Promise<ImageBitmap> {
  const name = file.name ? `"${file.name}"` : 'This file';
  if (file.size === 0) throw new PhotoError(`${name} is empty.`);
  const head = new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer());
  const format = sniffPhotoFormat(head);
  if (!format) {
    const other = otherImageType(head);
    throw new PhotoError(
      other
        ? `${name} is an image in ${other} format, not a JPEG, PNG or WebP photo. Save it in one of those formats and choose it again.`
        : `${name} is not a JPEG, PNG or WebP photo.`,
    );
  }
  const size = photoSize(format, head);
  const tooLarge = size && sizeProblem(size, file.name ? name : 'This photo');
  if (tooLarge) throw new PhotoError(tooLarge);
  try {
    return await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new PhotoError(
      `${name} looks like a ${format.toUpperCase()} file but could not be decoded; it may be damaged or incomplete.`,
    );
  }
}
