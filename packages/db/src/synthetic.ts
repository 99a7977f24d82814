/** `@jalon/db/synthetic`: generated organisations of any size, and the bench's quarterly-report floor. */
export {
  seedSynthetic,
  syntheticIndicators,
  type SyntheticOptions,
  type SyntheticSummary,
} from './synthetic/synthetic';
export { quarterlyReportFloor, type FloorFigures } from './synthetic/floor';
