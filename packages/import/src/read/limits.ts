/** Caps on what a reader accepts; the next session reads them from the server's env. */
export interface ReadLimits {
  /** The file as uploaded. */
  maxFileBytes: number;
  /** The sum of the uncompressed sizes of an xlsx's parts, from its zip central directory. */
  maxUncompressedBytes: number;
  /** The largest compression ratio of one part (a zip bomb compresses far beyond any workbook). */
  maxCompressionRatio: number;
  /** Data rows. */
  maxRows: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxUncompressedBytes: 500 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxRows: 1_000_000,
};
