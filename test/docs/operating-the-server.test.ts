import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPERATIONS_USAGE } from '../../server/cli/operations';
import { OPERATIONS_ENV_NAMES } from '../../server/config-operations';

const root = join(import.meta.dirname, '../..');
const operating = readFileSync(join(root, 'docs/operating-the-server.md'), 'utf8');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const variables = [...new Set(Object.values(OPERATIONS_ENV_NAMES))];
const commands = [...OPERATIONS_USAGE.matchAll(/npm run securus -- ([a-z-]+(?: [a-z-]+)?)/g)].map((match) => match[1]!);

describe('docs/operating-the-server.md', () => {
  it.each(variables)('explains %s with an example, and README.md lists it', (variable) => {
    expect(operating).toMatch(new RegExp(`\\| \`${variable}\`[^\\n]*\\|[^\\n]*\\|`));
    expect(operating).toContain(`${variable}=`);
    expect(readme).toContain(`\`${variable}\``);
  });

  it.each(commands)('gives the runbook of `securus %s`, and README.md lists it', (command) => {
    expect(operating).toContain(`npm run securus -- ${command}`);
    expect(readme).toContain(command);
  });

  it('shows nginx forwarding the client address the way the server trusts it, and names what to watch', () => {
    expect(operating).toContain('proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;');
    for (const metric of ['securus_sign_ins_total', 'securus_lockouts_total', 'securus_password_hash_shed_total']) {
      expect(operating).toContain(metric);
    }
    expect(operating).toContain('pg_dump');
    expect(operating).toContain('SECURUS_SECRET_KEY');
  });
});
