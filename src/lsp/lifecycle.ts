/**
 * The server's lifecycle as the protocol defines it: a request before `initialize` is answered with the
 * error ServerNotInitialized (notifications then are dropped), and one after `shutdown` with InvalidRequest.
 */
import { ErrorCodes, ResponseError } from 'vscode-languageserver';

export class Lifecycle {
  private state: 'new' | 'running' | 'shut down' = 'new';

  initialized(): void {
    this.state = 'running';
  }

  shutDown(): void {
    this.state = 'shut down';
  }

  get running(): boolean {
    return this.state === 'running';
  }

  /** The error a request gets now, or undefined when the server may answer it. */
  refusal(): ResponseError<void> | undefined {
    if (this.state === 'new') return new ResponseError(ErrorCodes.ServerNotInitialized, 'the server has not been initialized');
    if (this.state === 'shut down') return new ResponseError(ErrorCodes.InvalidRequest, 'the server has been shut down');
    return undefined;
  }

  /** A request handler that answers only while the server runs. */
  request<P, R>(handler: (params: P) => R): (params: P) => R | ResponseError<void> {
    return (params) => this.refusal() ?? handler(params);
  }

  /** A notification handler that runs only while the server runs. */
  notification<P>(handler: (params: P) => void): (params: P) => void {
    return (params) => {
      if (this.running) handler(params);
    };
  }
}
