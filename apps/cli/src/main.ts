import { CommanderError } from 'commander';
import { buildProgram } from './program';

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
