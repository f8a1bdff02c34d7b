import { parseArgs } from 'node:util';
import { runCommand, USAGE } from './cli/commands';

// `npm run securus -- user add <username> --email <email> [--role admin]` (password on stdin), `user set-role
// <username> <role>`, `user reset-2fa <username>` and `user check-usernames`; `backup`, `restore` and
// `secret-key rotate|status|retire` (docs/operating-the-server.md).
const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: {
    email: { type: 'string' },
    'display-name': { type: 'string' },
    'batch-size': { type: 'string' },
    role: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help || positionals.length === 0) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 2);
}

try {
  const { output, exitCode } = await runCommand(positionals, {
    email: values.email,
    displayName: values['display-name'],
    batchSize: values['batch-size'],
    role: values.role,
  });
  console.log(output);
  process.exitCode = exitCode;
} catch (error) {
  console.error(`securus: ${(error as Error).message}`);
  process.exit(1);
}
