import { createInterface } from 'node:readline';
import { text } from 'node:stream/consumers';
import { CliError } from './cli-error.js';

async function readAllStdin(): Promise<string> {
  return (await text(process.stdin)).replace(/\r?\n$/, '');
}

/** Reads a password from standard input, or prompts on a terminal without echoing it. */
export async function readSecret(prompt: string, fromStdin: boolean): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) {
    const secret = await readAllStdin();
    if (!secret) throw new CliError('No password on standard input', 2);
    return secret;
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const writeOriginal = process.stdout.write.bind(process.stdout);
  try {
    process.stdout.write(prompt);
    // Silence the echo of typed characters while the answer is read.
    process.stdout.write = () => true;
    const answer = await new Promise<string>((resolve) => rl.question('', resolve));
    return answer;
  } finally {
    process.stdout.write = writeOriginal;
    process.stdout.write('\n');
    rl.close();
  }
}
