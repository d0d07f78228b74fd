// The .gz and .br copies adapter-static writes beside each file (precompress: true), which
// nginx's gzip_static serves in place of the file: a post-build step that changes a file must
// rewrite them too, or the old content would still be served.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Writes `data` to `file` and refreshes its compressed twins: those that exist, or both when
 * `alwaysTwins` is set. @param {string} file @param {Buffer} data @param {boolean} [alwaysTwins]
 */
export async function writeWithTwins(file, data, alwaysTwins = false) {
  await writeFile(file, data);
  if (alwaysTwins || existsSync(`${file}.gz`)) {
    await writeFile(`${file}.gz`, gzipSync(data, { level: 9 }));
  }
  if (alwaysTwins || existsSync(`${file}.br`)) {
    const params = { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY };
    await writeFile(`${file}.br`, brotliCompressSync(data, { params }));
  }
}
