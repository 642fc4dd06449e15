import { ConsoleLogger, Logger, type LogLevel } from '@nestjs/common';

/** Nest's console logger writing every level to stderr, so stdout carries only the command's answer. */
class StderrLogger extends ConsoleLogger {
  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    _stream?: 'stdout' | 'stderr',
    errorStack?: unknown,
    params?: Record<string, any>,
  ): void {
    super.printMessages(messages, context, logLevel, 'stderr', errorStack, params);
  }
}

/** Sends the logs of libs/messaging's kafkajs client (Nest's Logger) to stderr. */
export function logToStderr(): void {
  Logger.overrideLogger(new StderrLogger());
}
