import { describe, expect, it } from 'vitest';
import { createForwardingLogger, registerSecret } from '../../src/main/logging';

// The worker's log lines travel to main's file as finished text: scrubbed before they leave.
describe('forwarding logger (worker → main log file)', () => {
  it('sends each record as one JSON line, token replaced and customer e-mails masked at info', () => {
    const lines: string[] = [];
    const log = createForwardingLogger((line) => lines.push(line));
    registerSecret('tok-forward-1234567890');
    log.info({ accountId: 'a1', contact: 'jane.doe@example.com' }, 'sync with tok-forward-1234567890 failed');
    log.debug({ contact: 'jane.doe@example.com' }, 'debug is off by default');
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(record).toMatchObject({ level: 30, accountId: 'a1', contact: 'j***@example.com', msg: 'sync with [secret] failed' });
    expect(lines[0]).not.toContain('tok-forward-1234567890');
    expect(lines[0]).not.toContain('jane.doe@');
    expect(lines[0]!.endsWith('\n')).toBe(true);
  });
});
