import { err, type Result } from '@jalon/domain';
import { createHash } from 'node:crypto';
import { fileError, type FileError, type SourceTable } from '../table';
import { readCsv } from './csv';
import type { HeaderOptions } from './grid';
import { DEFAULT_LIMITS, type ReadLimits } from './limits';
import { readXlsx } from './xlsx';
import { encryptedError } from './zip';

export interface ReadOptions extends HeaderOptions {
  fileName?: string;
  sheet?: string;
  delimiter?: string;
  limits?: ReadLimits;
}

/** The kind of a file from its first bytes, never from its name. */
export function sniff(bytes: Uint8Array): 'zip' | 'ole' | 'pdf' | 'text' {
  const b = (i: number) => bytes[i] ?? -1;
  if (b(0) === 0x50 && b(1) === 0x4b && b(2) === 0x03 && b(3) === 0x04) return 'zip';
  if (b(0) === 0xd0 && b(1) === 0xcf && b(2) === 0x11 && b(3) === 0xe0) return 'ole';
  if (b(0) === 0x25 && b(1) === 0x50 && b(2) === 0x44 && b(3) === 0x46) return 'pdf';
  return 'text';
}

/** Whether an OLE compound file is an encrypted OOXML package (it names its `EncryptionInfo` stream). */
function isEncryptedPackage(bytes: Uint8Array): boolean {
  const needle = Buffer.from('EncryptionInfo', 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}

/**
 * Any uploaded file as a table: an .xlsx workbook or a CSV text, told apart by their bytes.
 * Refused with a clear French and English error: too large, empty, encrypted, an old .xls,
 * corrupt, a zip bomb, a PDF or any other binary.
 */
export async function readSource(
  bytes: Uint8Array,
  options: ReadOptions = {},
): Promise<Result<SourceTable, FileError>> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  if (bytes.length > limits.maxFileBytes)
    return err(
      fileError('file-too-large', {
        fr: `Le fichier dépasse ${Math.round(limits.maxFileBytes / 1048576)} Mo : découpez-le.`,
        en: `The file exceeds ${Math.round(limits.maxFileBytes / 1048576)} MB: split it.`,
      }),
    );
  if (bytes.length === 0)
    return err(fileError('file-empty', { fr: 'Le fichier est vide.', en: 'The file is empty.' }));
  const info = {
    ...(options.fileName === undefined ? {} : { fileName: options.fileName }),
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
  const kind = sniff(bytes);
  if (kind === 'zip') return readXlsx(bytes, info, { ...options, limits });
  if (kind === 'ole')
    return err(
      isEncryptedPackage(bytes)
        ? encryptedError()
        : fileError('file-wrong-type', {
            fr: 'Ce classeur est à l’ancien format .xls : enregistrez-le au format .xlsx.',
            en: 'This workbook is in the old .xls format: save it as .xlsx.',
          }),
    );
  if (kind === 'pdf')
    return err(
      fileError('file-wrong-type', {
        fr: 'Un PDF ne peut pas être importé : utilisez le classeur (.xlsx) ou un fichier .csv.',
        en: 'A PDF cannot be imported: use the workbook (.xlsx) or a .csv file.',
      }),
    );
  return readCsv(bytes, info, { ...options, limits });
}
