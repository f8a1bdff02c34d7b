/**
 * The password comes on stdin, never in argv where `ps` and shell history would keep it. From a pipe: the first
 * line. From a terminal: typed without echo, ended by Enter.
 */
export async function readPasswordFromStdin(): Promise<string> {
  return process.stdin.isTTY ? readHiddenLine() : readFirstPipedLine();
}

async function readFirstPipedLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

function readHiddenLine(): Promise<string> {
  process.stderr.write('Password: ');
  process.stdin.setRawMode(true);
  process.stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (result: string | Error) => {
      process.stdin.setRawMode(false);
      process.stdin.pause();
      process.stdin.off('data', onData);
      process.stderr.write('\n');
      if (result instanceof Error) {
        reject(result);
      } else {
        resolve(result);
      }
    };
    const onData = (text: string) => {
      for (const symbol of text) {
        if (symbol === '\r' || symbol === '\n') {
          finish(typed);
          return;
        }
        if (symbol === '\u0003') {
          finish(new Error('cancelled'));
          return;
        }
        typed = symbol === '\u007f' || symbol === '\b' ? typed.slice(0, -1) : typed + symbol;
      }
    };
    process.stdin.on('data', onData);
    process.stdin.resume();
  });
}
