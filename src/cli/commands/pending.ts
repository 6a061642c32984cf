import type { CliIo } from '../io';
import { exitCodes } from '../exit-codes';

/** Action of a command whose implementation has not landed yet: says so and fails (exit 1). */
export function notYetAvailable(io: CliIo, name: string): () => void {
  return () => {
    io.stderr.write(`mpdesk ${name}: not available in this build yet.\n`);
    io.exitCode = exitCodes.failure;
  };
}
