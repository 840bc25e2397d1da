/** Progress output of long operations, on standard error. */
export interface Progress {
  /** An object's reconcile started. */
  start(object: string): void;
  /** An object's reconcile ended; `summary` is e.g. `Ready: Applied revision: main@sha1:…`. */
  finish(object: string, summary: string): void;
  /** A line of its own (an event, a warning). */
  line(text: string): void;
  /** Clears the spinner; later calls print nothing. */
  stop(): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * Progress on `write` (standard error). On a TTY a spinner line names what is being reconciled and
 * lines scroll above it; otherwise (pipes, CI, tests) every step is one plain line prefixed with
 * the elapsed time, e.g. `[1.2s] Kustomization/flux-system/apps: reconciling`.
 */
export function createProgress(options: {
  write: (s: string) => void;
  tty: boolean;
  now: () => number;
}): Progress {
  const { write, tty, now } = options;
  const started = now();
  const running = new Set<string>();
  let stopped = false;
  let frame = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  const elapsed = () => `[${((now() - started) / 1000).toFixed(1)}s]`;
  const clear = () => {
    if (tty) write('\r\x1b[2K');
  };
  const draw = () => {
    if (!tty || stopped || running.size === 0) return;
    const names = [...running];
    const more = names.length > 1 ? ` (+${names.length - 1} more)` : '';
    write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} reconciling ${names[0]}${more}`);
  };
  const print = (text: string) => {
    if (stopped) return;
    clear();
    write(`${tty ? '' : `${elapsed()} `}${text}\n`);
    draw();
  };
  if (tty) {
    timer = setInterval(draw, 100);
    timer.unref?.();
  }
  return {
    start(object) {
      running.add(object);
      if (tty) draw();
      else print(`${object}: reconciling`);
    },
    finish(object, summary) {
      running.delete(object);
      print(`${object}: ${summary}`);
    },
    line: print,
    stop() {
      if (stopped) return;
      if (timer) clearInterval(timer);
      clear();
      stopped = true;
    },
  };
}
