import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  openPhoto,
  PhotoError,
  sniffPhotoFormat,
} from '../../../../src/lib/services/files/image-file';
import { blackPng } from '../../../png-file';

const JPEG = [0xff, 0xd8, 0xff, 0xe0];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const WEBP = [0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50];

const file = (bytes: number[], name = 'photo') => new File([new Uint8Array(bytes)], name);

describe('photo files', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('tells JPEG, PNG and WebP apart by their first bytes', () => {
    expect(sniffPhotoFormat(new Uint8Array(JPEG))).toBe('jpeg');
    expect(sniffPhotoFormat(new Uint8Array(PNG))).toBe('png');
    expect(sniffPhotoFormat(new Uint8Array(WEBP))).toBe('webp');
    expect(sniffPhotoFormat(new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x41]))).toBeNull();
    expect(sniffPhotoFormat(new Uint8Array([]))).toBeNull();
  });

  it('decodes a photo upright, with the browser decoders', async () => {
    const bitmap = { width: 4, height: 3 };
    const decode = vi.fn(async () => bitmap);
    vi.stubGlobal('createImageBitmap', decode);
    const photo = file(PNG, 'me.png');
    expect(await openPhoto(photo)).toBe(bitmap);
    expect(decode).toHaveBeenCalledWith(photo, { imageOrientation: 'from-image' });
  });

  it('says in plain words why a file cannot be opened', async () => {
    vi.stubGlobal(
      'createImageBitmap',
      vi.fn(async () => {
        throw new DOMException('The source image could not be decoded.', 'InvalidStateError');
      }),
    );
    await expect(openPhoto(file([], 'empty.jpg'))).rejects.toThrow('"empty.jpg" is empty.');
    await expect(openPhoto(file([1, 2, 3], 'notes.txt'))).rejects.toThrow(
      '"notes.txt" is not a JPEG, PNG or WebP photo.',
    );
    const broken = openPhoto(file(JPEG, 'cut.jpg'));
    await expect(broken).rejects.toBeInstanceOf(PhotoError);
    await expect(broken).rejects.toThrow(
      '"cut.jpg" looks like a JPEG file but could not be decoded; it may be damaged or incomplete.',
    );
    await expect(openPhoto(new Blob([]))).rejects.toThrow('This file is empty.');
  });

  it('refuses a photo over 40 MP before decoding it, and names the types it does not read', async () => {
    const decode = vi.fn(async () => ({ width: 1, height: 1 }));
    vi.stubGlobal('createImageBitmap', decode);
    const huge = new Uint8Array(blackPng(20_000, 20_000));
    await expect(openPhoto(new File([huge], 'huge.png'))).rejects.toThrow(
      '"huge.png" is 20000 × 20000 pixels (400 MP); the limit is 40 MP.',
    );
    await expect(openPhoto(new Blob([huge]))).rejects.toThrow('This photo is 20000 × 20000');
    await expect(openPhoto(file([0x47, 0x49, 0x46, 0x38, 0x39, 0x61], 'a.gif'))).rejects.toThrow(
      '"a.gif" is an image in GIF format, not a JPEG, PNG or WebP photo. Save it in one of those formats and choose it again.',
    );
    expect(decode).not.toHaveBeenCalled();
    await openPhoto(new File([new Uint8Array(blackPng(8000, 5000))], 'ok.png'));
    expect(decode).toHaveBeenCalledOnce();
  });
});
