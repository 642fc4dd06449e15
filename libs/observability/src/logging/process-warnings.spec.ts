import { afterEach, describe, expect, it } from '@jest/globals';
import { createAppLogger } from './app-logger.js';
import { captureLogLines } from './log-capture.js';
import { logProcessWarnings } from './process-warnings.js';

describe('process warnings', () => {
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  it("are JSON log lines, not Node's text: the first of a name at warn, repeats at debug", async () => {
    const { stream, lines } = captureLogLines();
    const logger = createAppLogger({
      service: 'people',
      level: 'debug',
      format: 'json',
      destination: stream,
    });
    restore = logProcessWarnings(logger);
    // What Node 24 emits when kafkajs 2.2.4 sets a negative timeout (kafkajs#1751), twice.
    const warning = Object.assign(
      new Error('-5 is a negative number.\nTimeout duration was set to 1.'),
      {
        name: 'TimeoutNegativeWarning',
      },
    );
    process.emit('warning', warning);
    process.emit('warning', warning);
    const warnings = lines().filter((l) => l.warning === 'TimeoutNegativeWarning');
    expect(warnings.map((l) => [l.level, l.service])).toEqual([
      [40, 'people'],
      [20, 'people'],
    ]);
    expect(process.listeners('warning')).toHaveLength(1); // Node's own printer is off
  });
});
