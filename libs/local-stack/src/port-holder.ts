import * as fs from 'fs';

/**
 * Who listens on a TCP port, from Linux's /proc: the sockets listening on it (/proc/net/tcp, tcp6) and the
 * processes holding them (their /proc/<pid>/fd). Used to say who holds a port a start needs, and to check
 * that the process answering a readiness probe is our child and not another one on the same port.
 * Elsewhere (no /proc) the answers are undefined: the callers then go by the probe alone.
 */

/** The inodes of the sockets listening on `port` (any address), or undefined without /proc. */
export function listeningSockets(port: number): Set<string> | undefined {
  const inodes = new Set<string>();
  let found = false;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = fs.readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    found = true;
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // local_address is ADDR:PORT in hex; state 0A is LISTEN; the inode is the 10th field.
      if (f.length < 10 || f[3] !== '0A') continue;
      if (parseInt(f[1].split(':').pop() as string, 16) === port) inodes.add(f[9]);
    }
  }
  return found ? inodes : undefined;
}

/** The socket inodes open in process `pid`, or undefined when its fds cannot be read. */
function socketsOf(pid: number): Set<string> | undefined {
  try {
    const fdDir = `/proc/${pid}/fd`;
    const out = new Set<string>();
    for (const fd of fs.readdirSync(fdDir)) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`${fdDir}/${fd}`));
        if (m) out.add(m[1]);
      } catch {
        // closed meanwhile
      }
    }
    return out;
  } catch {
    return undefined;
  }
}

/** Whether `pid` itself holds a socket listening on `port`; undefined when that cannot be known here. */
export function listensOn(pid: number, port: number): boolean | undefined {
  const listening = listeningSockets(port);
  const mine = listening && socketsOf(pid);
  if (!listening || !mine) return undefined;
  return [...listening].some((inode) => mine.has(inode));
}

/** The pid and command line of a process listening on `port`, when one can be seen (root sees all). */
export function portHolder(port: number): { pid: number; command: string } | undefined {
  const listening = listeningSockets(port);
  if (!listening?.size) return undefined;
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return undefined;
  }
  for (const d of pids) {
    const sockets = socketsOf(Number(d));
    if (!sockets || ![...listening].some((inode) => sockets.has(inode))) continue;
    let command = '';
    try {
      command = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    } catch {
      // gone meanwhile
    }
    return { pid: Number(d), command: command.length > 120 ? `${command.slice(0, 117)}...` : command };
  }
  return undefined;
}

/** "port 3002 is taken by pid 123 (node …)", or how to find out who holds it. */
export function describePortTaken(port: number, host: string): string {
  const holder = portHolder(port);
  if (holder) return `port ${port} is taken by pid ${holder.pid}${holder.command ? ` (${holder.command})` : ''}`;
  return `port ${port} on ${host} is taken by another process (ss -ltnp 'sport = :${port}' shows which)`;
}
