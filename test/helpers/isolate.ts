/**
 * Runs test bodies in a worker thread with a time limit, so that an input that makes the matcher hang
 * (an endless loop in the WebAssembly kernel cannot be interrupted from its own thread) fails its test
 * with a clear message instead of hanging the suite. Worker.terminate() stops a busy WebAssembly loop.
 *
 * A body is an exported function of a module; it may call `isolateReport(value)` before each risky call,
 * so that a timeout names the input that was running. The worker is kept between calls (loading the
 * lexicons costs seconds) and replaced after a timeout.
 */
import * as path from 'node:path';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';

export type IsolatedResult<T> = { kind: 'done'; value: T } | { kind: 'error'; message: string } | { kind: 'timeout'; last: unknown; ms: number };

/** Called by a body running in a worker: records the input about to run (kept by the parent). */
export function isolateReport(value: unknown): void {
  if (!isMainThread && parentPort) parentPort.postMessage({ report: value });
}

const WORKER_CODE = (tsx: string) => `
  require(${JSON.stringify(tsx)});
  const { parentPort } = require('node:worker_threads');
  parentPort.on('message', (job) => {
    Promise.resolve()
      .then(() => require(job.modulePath)[job.exportName](job.arg))
      .then((value) => parentPort.postMessage({ done: value }), (e) => parentPort.postMessage({ error: String((e && e.stack) || e) }));
  });
`;

/** A worker that runs one call at a time; a call that overruns its limit kills the worker. */
export class IsolatedRunner {
  private worker: Worker | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  /** Runs `exportName(arg)` from `modulePath` (a .ts file) in the worker, within `timeoutMs`. */
  run<T>(modulePath: string, exportName: string, arg: unknown, timeoutMs: number): Promise<IsolatedResult<T>> {
    const next = this.queue.then(() => this.runNow<T>(modulePath, exportName, arg, timeoutMs));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Stops the worker (call when the tests are done, so the process can exit). */
  async close(): Promise<void> {
    await this.queue;
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }

  private runNow<T>(modulePath: string, exportName: string, arg: unknown, timeoutMs: number): Promise<IsolatedResult<T>> {
    if (!this.worker) {
      this.worker = new Worker(WORKER_CODE(require.resolve('tsx/cjs')), { eval: true });
      this.worker.unref();
    }
    const worker = this.worker;
    return new Promise((resolve) => {
      let last: unknown;
      let settled = false;
      const settle = (r: IsolatedResult<T>, kill: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (kill) {
          if (this.worker === worker) this.worker = undefined;
          void worker.terminate();
        }
        resolve(r);
      };
      const onMessage = (m: { report?: unknown; done?: T; error?: string }) => {
        if ('report' in m) last = m.report;
        else if ('error' in m) settle({ kind: 'error', message: m.error ?? '' }, false);
        else settle({ kind: 'done', value: m.done as T }, false);
      };
      const onError = (e: Error) => settle({ kind: 'error', message: String(e.stack ?? e) }, true);
      const onExit = (code: number) => settle({ kind: 'error', message: `the worker exited with code ${code}` }, true);
      const timer = setTimeout(() => settle({ kind: 'timeout', last, ms: timeoutMs }, true), timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ modulePath: path.resolve(modulePath), exportName, arg });
    });
  }
}
