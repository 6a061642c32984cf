// pino-roll ships no types; this declares the part we use (see its README).
declare module 'pino-roll' {
  import type { DestinationStream } from 'pino';
  interface PinoRollOptions {
    file: string | (() => string);
    size?: string | number;
    frequency?: 'daily' | 'hourly' | number;
    extension?: string;
    symlink?: boolean;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    dateFormat?: string;
    mkdir?: boolean;
  }
  export default function pinoRoll(options: PinoRollOptions): Promise<DestinationStream & { flushSync?: () => void; end?: () => void }>;
}
