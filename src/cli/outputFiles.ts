/**
 * The files `annotate --out-dir DIR` will write (brat: a `.txt` and an `.ann` per input), checked before
 * anything is written: none may be an input (a `.txt` input would be rewritten), none may be written for
 * two inputs (`a/x.md` and `b/x.md` both give x.ann), and none may exist already unless `--force`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A file's identity on disk (device and inode), or its absolute path when it does not exist. */
function identity(file: string): string {
  try {
    const s = fs.statSync(file);
    return `${s.dev}:${s.ino}`;
  } catch {
    return path.resolve(file);
  }
}

/**
 * Why the outputs of `inputs` cannot be written (one line, naming the files), or undefined.
 * @param outputsOf the files each input gets
 */
export function outputProblem(inputs: readonly string[], outputsOf: (input: string) => readonly string[], force: boolean): string | undefined {
  const inputIds = new Map(inputs.filter((f) => f !== '-').map((f) => [identity(f), f]));
  const writtenFor = new Map<string, string>();
  for (const input of inputs) {
    for (const out of outputsOf(input)) {
      const id = identity(out);
      const over = inputIds.get(id);
      if (over !== undefined) return `${out} would be written over the input ${over}: give another --out-dir`;
      const other = writtenFor.get(id);
      if (other !== undefined) return `${other} and ${input} would both be written to ${out}: rename one, or annotate them into different --out-dir`;
      writtenFor.set(id, input);
      if (!force && fs.existsSync(out)) return `${out} exists: give --force to replace it, or another --out-dir`;
    }
  }
  return undefined;
}
