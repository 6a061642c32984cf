export { createFileLogger, createForwardingLogger, openLogStream, createLogger, createSilentLogger, currentLogFile, logDir, logFileBase, type Logger } from './logger';
export { registerSecret, scrubString } from './redact';
