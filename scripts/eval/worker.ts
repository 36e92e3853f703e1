/**
 * Annotates passages for scripts/eval.ts in a worker thread, so the evaluation can stop a passage on which
 * the matcher does not return (the main thread terminates the worker and counts the passage as unmarked).
 */
import { parentPort } from 'node:worker_threads';
import { annotateFile } from '../../src/cli/annotate';

// Build the matcher before the first passage, so the passages' time limit measures annotation only.
annotateFile('', 'warm-up.txt');
parentPort?.postMessage('ready');

parentPort?.on('message', ({ text, file }: { text: string; file: string }) => {
  parentPort?.postMessage(annotateFile(text, file).mentions);
});
