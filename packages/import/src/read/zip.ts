import { err, ok, type Result } from '@jalon/domain';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { fileError, type FileError } from '../table';
import type { ReadLimits } from './limits';

/** One entry of a zip's central directory. */
export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  encrypted: boolean;
  method: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

const corrupt = (detail: string) =>
  fileError(
    'file-corrupt',
    {
      fr: 'Le classeur est endommagé (archive zip illisible) : enregistrez-le de nouveau au format .xlsx.',
      en: 'The workbook is damaged (unreadable zip archive): save it again as .xlsx.',
    },
    detail,
  );

/**
 * The central directory of a zip archive, read from its end without inflating anything: the
 * sizes it declares are what a zip bomb would expand to. ZIP64 archives (parts of 4 GB or more)
 * are refused: no workbook an officer keeps needs them.
 */
export function readCentralDirectory(bytes: Uint8Array): Result<ZipEntry[], FileError> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 22 + 65535 bytes (a comment may follow it).
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return err(corrupt('no end of central directory'));
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || offset === 0xffffffff || size === 0xffffffff)
    return err(corrupt('zip64 archive'));
  if (offset + size > eocd) return err(corrupt('central directory out of bounds'));
  const entries: ZipEntry[] = [];
  let p = offset;
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL)
      return err(corrupt(`bad central directory entry ${n}`));
    const flags = view.getUint16(p + 8, true);
    const compressedSize = view.getUint32(p + 20, true);
    const uncompressedSize = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const method = view.getUint16(p + 10, true);
    const localHeaderOffset = view.getUint32(p + 42, true);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff)
      return err(corrupt('zip64 entry'));
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    entries.push({
      name,
      compressedSize,
      uncompressedSize,
      encrypted: (flags & 1) === 1,
      method,
      localHeaderOffset,
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return ok(entries);
}

/** A password-protected workbook (an encrypted zip part, or an encrypted OOXML package). */
export function encryptedError(): FileError {
  return fileError('file-encrypted', {
    fr: 'Le classeur est protégé par un mot de passe : enregistrez-en une copie sans mot de passe.',
    en: 'The workbook is password-protected: save a copy without a password.',
  });
}

/**
 * Refuses a zip whose parts would expand beyond the limits, before anything is inflated: the
 * total declared uncompressed size, and the ratio of any large part.
 */
export function checkZip(bytes: Uint8Array, limits: ReadLimits): Result<ZipEntry[], FileError> {
  const read = readCentralDirectory(bytes);
  if (!read.ok) return read;
  const entries = read.value;
  if (entries.some((e) => e.encrypted)) return err(encryptedError());
  const total = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  const ratioed = entries.find(
    (e) =>
      e.uncompressedSize > 1024 * 1024 &&
      e.uncompressedSize > limits.maxCompressionRatio * Math.max(1, e.compressedSize),
  );
  if (total > limits.maxUncompressedBytes || ratioed)
    return err(
      fileError(
        'zip-bomb',
        {
          fr: `Le classeur se décompresse en plus de ${Math.round(limits.maxUncompressedBytes / 1048576)} Mo ou de façon anormale : il est refusé par sécurité.`,
          en: `The workbook expands to more than ${Math.round(limits.maxUncompressedBytes / 1048576)} MB or abnormally: refused for safety.`,
        },
        ratioed
          ? `${ratioed.name}: ${ratioed.compressedSize} → ${ratioed.uncompressedSize}`
          : `${total} bytes`,
      ),
    );
  return ok(entries);
}

/**
 * One small part of a zip, inflated with its declared size as a hard cap (the checks above have
 * passed), or null when it is absent or unreadable.
 */
export function readZipPart(bytes: Uint8Array, entry: ZipEntry): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const p = entry.localHeaderOffset;
  if (p + 30 > bytes.length || view.getUint32(p, true) !== 0x04034b50) return null;
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method !== 8) return null;
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  } catch {
    return null;
  }
}

/** Inflates one part, counting its bytes and stopping as soon as it passes its declared size. */
function inflatedSize(data: Uint8Array, cap: number): Promise<number | 'over' | 'corrupt'> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw();
    let size = 0;
    let settled = false;
    const settle = (v: number | 'over' | 'corrupt') => {
      if (settled) return;
      settled = true;
      resolve(v);
    };
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        settle('over');
        inflate.destroy();
      }
    });
    inflate.on('end', () => settle(size));
    inflate.on('error', () => settle('corrupt'));
    inflate.end(data);
  });
}

/**
 * Checks that no part inflates beyond the size the central directory declares for it (a crafted
 * archive can lie there), by inflating each part once into nothing, before exceljs inflates it.
 */
export async function checkDeclaredSizes(
  bytes: Uint8Array,
  entries: ZipEntry[],
): Promise<Result<true, FileError>> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const entry of entries) {
    if (entry.method !== 8) continue;
    const p = entry.localHeaderOffset;
    if (p + 30 > bytes.length || view.getUint32(p, true) !== 0x04034b50)
      return err(corrupt(`bad local header for ${entry.name}`));
    const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
    const size = await inflatedSize(
      bytes.subarray(start, start + entry.compressedSize),
      entry.uncompressedSize,
    );
    if (size === 'corrupt') return err(corrupt(`cannot inflate ${entry.name}`));
    if (size === 'over')
      return err(
        fileError(
          'zip-bomb',
          {
            fr: 'Le classeur annonce des tailles fausses (une partie se décompresse au-delà de sa taille déclarée) : il est refusé par sécurité.',
            en: 'The workbook declares false sizes (a part expands beyond its declared size): refused for safety.',
          },
          entry.name,
        ),
      );
  }
  return ok(true);
}
