import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import yazl from 'yazl';

/** A zip of a folder's files (as an export is downloaded), in memory, inside a folder of its own. */
export function zipFolder(folder: string, inside = 'export'): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const name of readdirSync(folder).sort()) {
    zip.addFile(join(folder, name), `${inside}/${name}`);
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
