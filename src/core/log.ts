/** The logging interface the core and adapters write to; the extension backs it with one LogOutputChannel. */
export interface Logger {
  trace(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
}

/** A logger that drops everything, for tests and the CLI's quiet paths. */
export const NULL_LOGGER: Logger = { trace() {}, info() {}, warn() {}, error() {} };

/** Runs a background promise and logs its failure instead of leaving it unhandled. */
export function logErrors(promise: PromiseLike<unknown>, where: string, log: Logger): void {
  Promise.resolve(promise).then(undefined, (err: unknown) => {
    log.error(`${where}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  });
}
