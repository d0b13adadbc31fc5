import * as fs from 'fs';
import * as path from 'path';

/**
 * The launcher's `[limye] …` lines: to its standard output and appended to `file` (.data/logs/launcher.log).
 * Writing never throws: once the reader of stdout is gone — `npm start | tee` ended by the same Ctrl-C, a
 * closed terminal (EIO), a closed ssh session — stdout's write errors are dropped and the lines go on
 * to the file, so a stop that logs as it goes still stops everything in order.
 */
export function launcherLog(file: string, out: NodeJS.WritableStream = process.stdout): (line: string, inFile?: string) => void {
  let outGone = false;
  // A write error on a stream is emitted as 'error'; with no listener Node throws it (the crash QA found).
  out.on('error', () => (outGone = true));
  if (out === process.stdout) process.stderr.on('error', () => undefined); // Node's own warnings go there
  let fileReady = false;
  // `inFile`: what the file gets instead of `line` (the banner's demo API key: on the screen, not in a log).
  return (line: string, inFile?: string) => {
    const text = `[limye] ${line}\n`;
    if (!outGone) {
      try {
        out.write(text);
      } catch {
        outGone = true;
      }
    }
    try {
      if (!fileReady) fs.mkdirSync(path.dirname(file), { recursive: true });
      fileReady = true;
      fs.appendFileSync(file, `${new Date().toISOString()} ${inFile === undefined ? text : `[limye] ${inFile}\n`}`);
    } catch {
      // a full or read-only disk must not stop the launcher either
    }
  };
}
